import type { BackupHeader } from './backup/backup-format';
import { checkBackup, type BackupWorkspace } from './backup/check-backup';
import { restoreBackup, type RestoreOptions, type RestoreOutcome } from './backup/restore-backup';
import { writeBackup, type BackupFile, type BackupOptions } from './backup/write-backup';
import type { StoreSyncParts } from './store-sync';

/**
 * The event store's backups (`store.backup`): the whole log as one file, and that file
 * merged back into a log, here or on another device (DESIGN.md, "Data that outlives the
 * browser"). The file's format is in `backup/backup-format.ts`.
 */
export class StoreBackup {
	readonly #parts: StoreSyncParts;

	constructor(parts: StoreSyncParts) {
		this.#parts = parts;
	}

	/** Writes every event, pending command and inbox entry of this log to a file. */
	async write(options: BackupOptions): Promise<BackupFile> {
		return writeBackup(await this.#parts.connection(), options);
	}

	/**
	 * Reads a file through and resolves with its header if it can be restored into the log of
	 * `workspace`; else rejects with `BackupRefusedError` saying why. Changes nothing.
	 */
	check(
		file: Blob,
		workspace: BackupWorkspace,
		onProgress?: (bytesRead: number, bytes: number) => void
	): Promise<BackupHeader> {
		return checkBackup(file, workspace, onProgress);
	}

	/**
	 * Checks the file, then merges it into this log: each event once by `eventId`, pending
	 * commands back to pending (decided again with `redecide` where their record moved on
	 * here), inbox entries back to the inbox. Restoring it again adds nothing.
	 */
	async restore(file: Blob, options: RestoreOptions): Promise<RestoreOutcome> {
		await this.#parts.registry.prepare?.();
		return restoreBackup(this.#parts, file, options);
	}
}
