import type { BackupHeader } from './backup/backup-format';
import type { BackupWorkspace } from './backup/check-backup';
import type { RestoreOptions, RestoreOutcome } from './backup/restore-backup';
import type { BackupFile, BackupOptions } from './backup/write-backup';
import type { StoreSyncParts } from './store-sync';

/**
 * The event store's backups (`store.backup`): the whole log as one file, and that file
 * merged back into a log, here or on another device (DESIGN.md, "Data that outlives the
 * browser"). The file's format is in `backup/backup-format.ts`. The code (with its schemas
 * and hash) loads on first use, not with the store: a page that never backs up never pays.
 */
export class StoreBackup {
	readonly #parts: StoreSyncParts;

	constructor(parts: StoreSyncParts) {
		this.#parts = parts;
	}

	/** Writes every event, pending command and inbox entry of this log to a file. */
	async write(options: BackupOptions): Promise<BackupFile> {
		const { writeBackup } = await import('./backup/write-backup');
		return writeBackup(await this.#parts.connection(), options);
	}

	/**
	 * Reads a file through and resolves with its header if it can be restored into the log of
	 * `workspace`; else rejects with `BackupRefusedError` saying why. Changes nothing.
	 */
	async check(
		file: Blob,
		workspace: BackupWorkspace,
		onProgress?: (bytesRead: number, bytes: number) => void
	): Promise<BackupHeader> {
		const { checkBackup } = await import('./backup/check-backup');
		return checkBackup(file, workspace, onProgress);
	}

	/** What the file's first line says it is, unchecked; undefined if it is not a backup's. */
	async peek(file: Blob): Promise<BackupHeader | undefined> {
		const { peekBackup } = await import('./backup/check-backup');
		return peekBackup(file);
	}

	/**
	 * Checks the file, then merges it into this log: each event once by `eventId`, pending
	 * commands back to pending (decided again with `redecide` where their record moved on
	 * here), inbox entries back to the inbox. Restoring it again adds nothing.
	 */
	async restore(file: Blob, options: RestoreOptions): Promise<RestoreOutcome> {
		const [{ restoreBackup }] = await Promise.all([
			import('./backup/restore-backup'),
			this.#parts.registry.prepare?.()
		]);
		return restoreBackup(this.#parts, file, options);
	}
}
