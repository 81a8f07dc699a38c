import type { Conflict } from '../conflict';
import type { RewindDatabase } from './database';
import { REMOTE_POSITION, readRemotePosition } from './remote-position';

/**
 * Puts a backup's inbox entries into this device's inbox, in one transaction: each once, and
 * none whose command is in the inbox already or wrote events here (the person dealt with it).
 * Returns the entries added.
 */
export async function restoreConflicts(
	db: RewindDatabase,
	conflicts: readonly Conflict[]
): Promise<Conflict[]> {
	if (conflicts.length === 0) return [];
	return db.transaction('rw', [db.conflicts, db.events], async () => {
		const commandIds = conflicts.map((conflict) => conflict.commandId);
		const [inbox, written] = await Promise.all([
			db.conflicts.bulkGet(commandIds),
			db.events.where('metadata.commandId').anyOf(commandIds).toArray()
		]);
		const writtenIds = new Set(written.map((event) => event.metadata.commandId));
		const added = conflicts.filter(
			(conflict, index) => !inbox[index] && !writtenIds.has(conflict.commandId)
		);
		await db.conflicts.bulkPut(added);
		return added;
	});
}

/**
 * Records that every remote event up to `position` is in the log, once a restore has applied
 * all of a backup's synced events (in their local order, not position order).
 */
export async function recordPulledTo(db: RewindDatabase, position: number): Promise<void> {
	await db.transaction('rw', [db.meta], async () => {
		const stored = await readRemotePosition(db);
		if (position > stored) await db.meta.put({ key: REMOTE_POSITION, value: position });
	});
}
