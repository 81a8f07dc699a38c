import type { CommandRebaser, Conflict, EventStore } from '../eventstore';
import { redecideAll } from './rebase-stream';

export type RetryOutcome = { applied: true } | { applied: false; reason: string };

/** What is waiting in the conflict inbox, oldest first. */
export async function listConflicts(store: EventStore): Promise<Conflict[]> {
	const conflicts = await store.db.conflicts.toArray();
	return conflicts.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * Runs an inbox entry's command again on the record as it is now. If it fits, its events join
 * the pending ones and the entry leaves the inbox, in one transaction; if not, the entry stays
 * with the new reason.
 */
export async function retryConflict(
	store: EventStore,
	commandId: string,
	rebaser: CommandRebaser
): Promise<RetryOutcome> {
	// A retry writes new pending work: on a read-only device it could never be pushed.
	if (store.readOnly) {
		return { applied: false, reason: 'You can view this workspace but not change it.' };
	}
	const { db } = store;
	const outcome = await db.transaction(
		'rw',
		[db.events, db.outbox, db.receipts, db.conflicts, db.snapshots],
		async (): Promise<RetryOutcome & { streamId?: string }> => {
			const conflict = await db.conflicts.get(commandId);
			if (!conflict) return { applied: false, reason: 'This change is no longer in the inbox.' };
			const [refused] = await redecideAll(store, conflict.streamId, [conflict.command], rebaser);
			if (refused) {
				await db.conflicts.put({ ...conflict, reason: refused.reason });
				return { applied: false, reason: refused.reason };
			}
			await db.conflicts.delete(commandId);
			return { applied: true, streamId: conflict.streamId };
		}
	);
	if (outcome.applied && outcome.streamId) store.announce([outcome.streamId], false);
	return outcome.applied ? { applied: true } : { applied: false, reason: outcome.reason };
}

/** The user chose to let this change go. Only they can make that choice; sync never does. */
export async function discardConflict(store: EventStore, commandId: string): Promise<void> {
	const conflict = await store.db.conflicts.get(commandId);
	await store.db.conflicts.delete(commandId);
	if (conflict) store.announce([conflict.streamId], false);
}
