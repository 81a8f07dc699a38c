import Dexie from 'dexie';
import type { StoredEvent } from '../events';
import {
	isPending,
	markSynced,
	receiptFor,
	receiptRuns,
	recordOf,
	type CommandRebaser,
	type Conflict,
	type EventRecord,
	type EventStore,
	type Receipt,
	type StoredCommand
} from '../eventstore';
import type { SyncedEvent } from '../protocol';
import { redecideAll, takePending } from './rebase-stream';
import { PULL_CURSOR } from './sync-meta';
import { SyncGapError } from './sync-errors';

export interface PullApplied {
	/** Events of others (and our own, acknowledged through the pull) now in the log. */
	inserted: number;
	/** Our own pending events that the pull showed were accepted. */
	acknowledged: number;
	/** Streams whose pending commands were decided again on top of the pulled events. */
	rebased: string[];
	/** Commands that no longer fit and went to the conflict inbox. */
	conflicts: Conflict[];
	cursor: number;
}

/**
 * Applies a page of pulled events in ONE transaction: inserts them, and where they land on a
 * stream with pending events, takes those events out and decides their commands again on
 * top (DESIGN.md, "Rebase"). A command that no longer fits goes to the conflict inbox with
 * its reason. Either all of this commits or none of it: a crash leaves every pending event
 * pending, synced, or in the inbox, never lost.
 */
export async function applyPulled(
	store: EventStore,
	events: readonly SyncedEvent[],
	rebaser: CommandRebaser,
	now: () => Date = () => new Date()
): Promise<PullApplied> {
	const { db } = store;
	const touched = new Set<string>();
	const result = await db.transaction(
		'rw',
		[db.events, db.outbox, db.receipts, db.snapshots, db.rewrites, db.conflicts, db.meta],
		async (): Promise<PullApplied> => {
			let acknowledged = 0;
			const toRebase = new Map<string, StoredCommand[]>();
			const causedBy = new Map<string, { userId: string; at: string }>();
			let cursor = ((await db.meta.get(PULL_CURSOR))?.value as number | undefined) ?? 0;

			const known = new Map(
				(
					await db.events
						.where('eventId')
						.anyOf(events.map((e) => e.eventId))
						.toArray()
				).map((event) => [event.eventId, event])
			);
			// Read once: what the loop below takes out of the outbox is never looked up again.
			const outbox = await db.outbox.toArray();
			const heads = new Map<string, number>();
			const fresh: { record: Omit<EventRecord, 'seq'>; event: SyncedEvent }[] = [];
			for (const event of events) {
				cursor = Math.max(cursor, event.position);
				const existing = known.get(event.eventId);
				if (existing) {
					// Ours, pushed before but its answer lost: acknowledged now, before any rebase
					// below could mistake it for unsent. Position order puts it before later events.
					if (isPending(outbox, existing.seq)) {
						// Its command goes with the last of its events (`markSynced`).
						await markSynced(db, event.streamId, [receiptFor(existing.seq, event)]);
						acknowledged++;
						touched.add(event.streamId);
					}
					continue;
				}
				let head = heads.get(event.streamId);
				if (head === undefined) {
					const commands = await takePending(store, event.streamId);
					if (commands.length > 0) toRebase.set(event.streamId, commands);
					head = await headOf(store, event.streamId);
				}
				if (event.version !== head + 1) throw new SyncGapError(event.streamId, head, event.version);
				heads.set(event.streamId, event.version);
				fresh.push({ record: recordOf(event as Omit<StoredEvent, 'seq'>), event });
				causedBy.set(event.streamId, { userId: event.recordedBy, at: event.recordedAt });
				touched.add(event.streamId);
			}
			const seqs = await db.events.bulkAdd(
				fresh.map(({ record }) => record as EventRecord),
				{ allKeys: true }
			);
			await db.receipts.bulkAdd(
				receiptRuns(fresh.map(({ event }, index): Receipt => receiptFor(seqs[index]!, event)))
			);

			const conflicts: Conflict[] = [];
			for (const [streamId, commands] of toRebase) {
				const refused = await redecideAll(store, streamId, commands, rebaser);
				for (const { command, reason } of refused) {
					const conflict: Conflict = {
						commandId: command.commandId,
						streamId,
						command,
						reason,
						...(causedBy.has(streamId) ? { causedBy: causedBy.get(streamId)! } : {}),
						createdAt: now().toISOString()
					};
					await db.conflicts.put(conflict);
					conflicts.push(conflict);
				}
			}
			if (toRebase.size > 0) {
				await db.rewrites.add({ streamIds: [...toRebase.keys()], at: now().toISOString() });
			}
			await db.meta.put({ key: PULL_CURSOR, value: cursor });
			return {
				inserted: fresh.length,
				acknowledged,
				rebased: [...toRebase.keys()],
				conflicts,
				cursor
			};
		}
	);
	store.announce([...touched], result.rebased.length > 0);
	return result;
}

async function headOf(store: EventStore, streamId: string): Promise<number> {
	const last = await store.db.events
		.where('[streamId+version]')
		.between([streamId, Dexie.minKey], [streamId, Dexie.maxKey])
		.last();
	return last?.version ?? 0;
}
