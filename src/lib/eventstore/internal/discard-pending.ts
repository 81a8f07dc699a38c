import Dexie from 'dexie';
import { ValidationError } from '../../errors';
import type { StoredEvent } from '../../events';
import type { Redecide } from '../rebase';
import { dropConsequences } from './drop-consequences';
import { isPending } from './outbox';
import { removeFromOutbox } from './sync-state-store';
import { withReceipt } from './receipts';
import type { RebaseParts } from './rebase-in-place';
import { outboxOf } from './sync-state-store';

/**
 * `store.discardPending` in one transaction: the stream's pending tail from `fromVersion`, and,
 * with `redecide`, the reactions' consequences of the commands that go. Returns the removed
 * events and every stream that changed.
 */
export async function discardPendingTail(
	parts: RebaseParts,
	streamId: string,
	fromVersion: number,
	redecide: Redecide | undefined
): Promise<{ removed: StoredEvent[]; streams: string[] }> {
	const { db } = parts;
	return db.transaction(
		'rw',
		[db.events, db.outbox, db.receipts, db.snapshots, db.rewrites, db.conflicts],
		async () => {
			const tail = await db.events
				.where('[streamId+version]')
				.between([streamId, fromVersion], [streamId, Dexie.maxKey])
				.toArray();
			const pending = await outboxOf(db, streamId);
			const synced = tail.find((event) => !isPending(pending, event.seq));
			if (synced) {
				throw new ValidationError(
					`Version ${synced.version} of ${streamId} is already on the server and cannot be discarded.`,
					[{ path: ['fromVersion'], message: 'synced events cannot be discarded' }]
				);
			}
			if (tail.length === 0) return { removed: [], streams: [] };
			const seqs = tail.map((event) => event.seq);
			await db.events.bulkDelete(seqs);
			// A command goes with the last of its events.
			await removeFromOutbox(db, streamId, seqs);
			const gone = [...new Set(tail.map((event) => event.metadata.commandId))];
			const { streams } = redecide
				? await dropConsequences(parts, gone, redecide, () => new Date())
				: { streams: [] };
			const changed = [...new Set([streamId, ...streams])];
			await db.rewrites.add({ streamIds: changed, at: new Date().toISOString() });
			return { removed: tail.map((event) => withReceipt(event, undefined)), streams: changed };
		}
	);
}
