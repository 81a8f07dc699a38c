import type { Redecide } from '../rebase';
import type { StoredCommand } from '../stored-command';
import { rebaseInPlace, type RebaseParts } from './rebase-in-place';

/**
 * Decides an inbox entry's command again on its stream as it now is, in one transaction
 * (`store.sync.retryConflict`): if it fits, its events join the pending ones and the entry
 * leaves the inbox; if not, the entry keeps the new reason. Undefined when it left the inbox.
 * With `amend`, the command is first changed as the person chose (an undo's "Restore anyway"),
 * and kept so, whatever the outcome.
 */
export function retryInboxEntry(
	parts: RebaseParts,
	commandId: string,
	redecide: Redecide,
	amend: (command: StoredCommand) => StoredCommand = (command) => command
): Promise<{ applied: true; streamId: string } | { applied: false; reason: string } | undefined> {
	const { db } = parts;
	return db.transaction(
		'rw',
		[db.events, db.outbox, db.receipts, db.conflicts, db.snapshots],
		async () => {
			const conflict = await db.conflicts.get(commandId);
			if (!conflict) return undefined;
			const command = amend(conflict.command);
			const {
				refused: [refused]
			} = await rebaseInPlace(parts, conflict.streamId, [command], redecide);
			if (refused) {
				const { code: _before, ...entry } = conflict;
				const { reason, code } = refused;
				await db.conflicts.put({ ...entry, command, reason, ...(code ? { code } : {}) });
				return { applied: false as const, reason: refused.reason };
			}
			await db.conflicts.delete(commandId);
			return { applied: true as const, streamId: conflict.streamId };
		}
	);
}
