import type { BackupHeader, BackupWorkspace, RestoreOutcome } from '../../eventstore';
import { localDay } from '../../domain';
import { fileNamePart, saveFile } from '../exports/save-file';
import { deviceId } from '../identity';
import type { RewindApp } from '../rewind-app';

/** How far a backup or a restore has come, for its progress bar. */
export interface BackupProgress {
	step: 'writing' | 'checking' | 'restoring';
	done: number;
	total: number;
}

/** What the Sync page's buttons call: a backup, and a restore of a chosen file. */
export type BackUpAction = (
	onProgress: (progress: BackupProgress) => void
) => Promise<BackupHeader>;
export type RestoreAction = (
	file: File,
	onProgress: (progress: BackupProgress) => void
) => Promise<RestoreOutcome>;

/** The workspace this device's log belongs to, with the best name known for it. */
async function workspaceOf(app: RewindApp): Promise<BackupWorkspace> {
	const own = await app.sync.workspace();
	if (!own) return null;
	return { id: own.id, name: own.name || app.sync.session?.workspace || '' };
}

/** Writes this device's whole log to a backup file and hands it to the browser's downloads. */
export async function backUpDevice(
	app: RewindApp,
	onProgress: (progress: BackupProgress) => void
): Promise<BackupHeader> {
	const workspace = await workspaceOf(app);
	const { header, blob } = await app.store.backup.write({
		workspace,
		device: deviceId(),
		onProgress: (done, total) => onProgress({ step: 'writing', done, total })
	});
	const whose = workspace?.name ? fileNamePart(workspace.name) : 'this-device';
	saveFile(`rewind-backup-${whose}-${localDay(new Date())}.ndjson`, [blob], blob.type);
	return header;
}

/**
 * Restores a backup file into this device's log. A log that belongs to no workspace yet and
 * holds nothing takes a workspace's backup, and belongs to that workspace from then on (a
 * sign-in there syncs it); otherwise the backup must be of this log's workspace.
 */
export async function restoreDevice(
	app: RewindApp,
	file: Blob,
	onProgress: (progress: BackupProgress) => void
): Promise<RestoreOutcome> {
	let workspace = await workspaceOf(app);
	if (!workspace && (await app.store.lastSeq()) === 0) {
		workspace = (await app.store.backup.peek(file))?.workspace ?? null;
	}
	await app.rebaser.prepare?.();
	let checked = false;
	try {
		return await app.store.backup.restore(file, {
			workspace,
			redecide: (command, events) => app.rebaser.redecide(command, events),
			onProgress: (step, done, total) => {
				checked ||= step === 'restoring';
				onProgress({ step, done, total });
			}
		});
	} finally {
		// Once the file passed its check, some of it may be in the log: the log is that workspace's.
		if (checked && workspace) await app.sync.bindWorkspace(workspace);
		if (checked && app.sync.session) void app.sync.syncNow().catch(() => undefined);
		void app.storage.refresh();
	}
}
