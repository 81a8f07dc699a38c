import type { Redecide } from '../rebase';
import { rebaseInPlace, type RebaseParts } from './rebase-in-place';

/**
 * Decides an inbox entry's command again on its stream as it now is, in one transaction
 * (`store.sync.retryConflict`): if it fits, its events join the pending ones and the entry
 * leaves the inbox; if not, the entry keeps the new reason. Undefined when it left the inbox.
 */
export function retryInboxEntry(
	parts: RebaseParts,
	commandId: string,
	redecide: Redecide
): Promise<{ applied: true; streamId: string } | { applied: false; reason: string } | undefined> {
	const { db } = parts;
	return db.transaction(
		'rw',
		[db.events, db.outbox, db.receipts, db.conflicts, db.snapshots],
		async () => {
			const conflict = await db.conflicts.get(commandId);
			if (!conflict) return undefined;
			const {
				refused: [refused]
			} = await rebaseInPlace(parts, conflict.streamId, [conflict.command], redecide);
			if (refused) {
				await db.conflicts.put({ ...conflict, reason: refused.reason });
				return { applied: false as const, reason: refused.reason };
			}
			await db.conflicts.delete(commandId);
			return { applied: true as const, streamId: conflict.streamId };
		}
	);
}
