import { RewindError } from './rewind-error';

/** Why a file was refused as a backup: each has its own sentence for the person restoring. */
export type BackupRefusal =
	'not_a_backup' | 'format_version' | 'damaged' | 'truncated' | 'other_workspace' | 'slice';

/** A backup file that cannot be restored as it is: nothing of it was applied. */
export class BackupRefusedError extends RewindError {
	readonly code = 'backup_refused';

	constructor(
		readonly reason: BackupRefusal,
		message: string
	) {
		super(message);
	}
}

export function isBackupRefusedError(error: unknown): error is BackupRefusedError {
	return error instanceof BackupRefusedError;
}
