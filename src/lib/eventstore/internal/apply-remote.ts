import Dexie from 'dexie';
import { SyncGapError } from '../../errors';
import type { StoredEvent } from '../../events';
import { conflictOf, type Conflict } from '../conflict';
import type { Redecide } from '../rebase';
import type { RemoteApplied, RemoteEvent } from '../remote-event';
import type { RewindDatabase } from './database';
import { dropConsequences } from './drop-consequences';
import { isPending } from './outbox';
import {
	rebaseInPlace,
	takePending,
	type RebaseParts,
	type TakenCommands
} from './rebase-in-place';
import { receiptFor, receiptRuns, recordOf, type EventRecord } from './receipts';
import { readRemotePosition, REMOTE_POSITION } from './remote-position';
import { markSynced } from './sync-state-store';

/**
 * Applies a page of remote events in ONE Dexie transaction (`store.sync.applyRemote` says
 * what it does); returns what it did and the streams it touched, for the change feed.
 */
export async function applyRemoteEvents(
	parts: RebaseParts,
	events: readonly RemoteEvent[],
	redecide: Redecide,
	now: () => Date,
	/**
	 * False when the events may come out of position order (a backup restores them in the
	 * order they were stored): the remote position stays, and the caller records it when done.
	 */
	recordPosition = true
): Promise<{
	applied: RemoteApplied;
	touched: string[];
	appended?: StoredEvent[];
	/** Streams with pending events of ours the page acknowledged: they read differently now. */
	resynced: string[];
}> {
	const { db } = parts;
	const touched = new Set<string>();
	const resynced = new Set<string>();
	let appended: StoredEvent[] | undefined;
	const applied = await db.transaction(
		'rw',
		[db.events, db.outbox, db.receipts, db.snapshots, db.rewrites, db.conflicts, db.meta],
		async (): Promise<RemoteApplied> => {
			let acknowledged = 0;
			const toRebase = new Map<string, TakenCommands>();
			// Per stream, who wrote each remote event that landed on it: a conflict names the one it
			// was refused on.
			const landed = new Map<string, Map<number, { userId: string; at: string }>>();
			// Every read goes out at once, not one stream after another: a page of a thousand
			// events over a hundred streams costs a few round trips to IndexedDB, not hundreds.
			const streamIds = [...new Set(events.map((event) => event.streamId))];
			const [stored, outbox, localHeads] = await Promise.all([
				readRemotePosition(db),
				// Read once: what the loop below takes out of the outbox is never looked up again.
				db.outbox.toArray(),
				Promise.all(streamIds.map((streamId) => headOf(db, streamId)))
			]);
			let position = stored;
			const localHead = new Map(streamIds.map((streamId, i) => [streamId, localHeads[i]!]));
			const withPending = new Set(outbox.map((entry) => entry.streamId));
			// Only an event at or below its stream's local head can be one we already hold (our
			// own, pushed before but its answer lost); a new device holds none of the page.
			const maybeKnown = events
				.filter((event) => event.version <= localHead.get(event.streamId)!)
				.map((event) => event.eventId);
			const known = new Map(
				(maybeKnown.length === 0
					? []
					: await db.events.where('eventId').anyOf(maybeKnown).toArray()
				).map((event) => [event.eventId, event])
			);
			const heads = new Map<string, number>();
			const fresh: { record: Omit<EventRecord, 'seq'>; event: RemoteEvent }[] = [];
			for (const event of events) {
				position = Math.max(position, event.position);
				const existing = known.get(event.eventId);
				if (existing) {
					// Ours, pushed before but its answer lost: acknowledged now, before any rebase
					// below could mistake it for unsent. Position order puts it before later events.
					if (isPending(outbox, existing.seq)) {
						await markSynced(db, [{ ...event, seq: existing.seq }]);
						acknowledged++;
						touched.add(event.streamId);
						resynced.add(event.streamId);
					}
					continue;
				}
				let head = heads.get(event.streamId);
				if (head === undefined) {
					head = localHead.get(event.streamId)!;
					if (withPending.has(event.streamId)) {
						const taken = await takePending(db, event.streamId);
						if (taken.commands.length > 0) toRebase.set(event.streamId, taken);
						head = await headOf(db, event.streamId);
					}
				}
				if (event.version !== head + 1) throw new SyncGapError(event.streamId, head, event.version);
				heads.set(event.streamId, event.version);
				fresh.push({ record: recordOf(event), event });
				const onStream =
					landed.get(event.streamId) ?? new Map<number, { userId: string; at: string }>();
				landed.set(
					event.streamId,
					onStream.set(event.version, {
						userId: event.recordedBy,
						at: event.recordedAt
					})
				);
				touched.add(event.streamId);
			}
			const seqs = await db.events.bulkAdd(
				fresh.map(({ record }) => record as EventRecord),
				{ allKeys: true }
			);
			await db.receipts.bulkAdd(
				receiptRuns(fresh.map(({ event }, index) => receiptFor(seqs[index]!, event)))
			);

			const conflicts: Conflict[] = [];
			// Kept commands that now decide another change (a submit of an order grown meanwhile).
			const changed: string[] = [];
			for (const [streamId, { commands, decided }] of toRebase) {
				const writers = landed.get(streamId)!;
				const rebased = await rebaseInPlace(parts, streamId, commands, redecide, {
					landed: [...writers.keys()],
					decided
				});
				changed.push(...rebased.changed);
				for (const refusal of rebased.refused) {
					const causedBy = refusal.at === undefined ? undefined : writers.get(refusal.at);
					const conflict = conflictOf(streamId, refusal, now().toISOString(), causedBy);
					await db.conflicts.put(conflict);
					conflicts.push(conflict);
				}
			}
			// What reactions did because of a refused command goes with it; what they did because of
			// a command now deciding another change goes too, and they run again on the new change.
			const consequences = await dropConsequences(
				parts,
				[...conflicts.map((conflict) => conflict.commandId), ...changed],
				redecide,
				now
			);
			conflicts.push(...consequences.conflicts);
			const rewritten = new Set([...toRebase.keys(), ...consequences.streams]);
			for (const streamId of consequences.streams) touched.add(streamId);
			// A page that only adds is handed to listeners as it was stored, so projections fold it
			// without reading it back; a rebase rewrote streams, and they refold from the log.
			if (rewritten.size === 0) {
				appended = fresh.map(({ event }, index) => ({
					...event,
					seq: seqs[index]!,
					sync: 'synced'
				}));
			}
			if (rewritten.size > 0 || resynced.size > 0) {
				const streamIds = [...new Set([...rewritten, ...resynced])];
				await db.rewrites.add({ streamIds, at: now().toISOString() });
			}
			if (recordPosition) await db.meta.put({ key: REMOTE_POSITION, value: position });
			return {
				inserted: fresh.length,
				acknowledged,
				rebased: [...rewritten],
				conflicts,
				position
			};
		}
	);
	return {
		applied,
		touched: [...touched],
		...(appended ? { appended } : {}),
		resynced: [...resynced]
	};
}

async function headOf(db: RewindDatabase, streamId: string): Promise<number> {
	const last = await db.events
		.where('[streamId+version]')
		.between([streamId, Dexie.minKey], [streamId, Dexie.maxKey])
		.last();
	return last?.version ?? 0;
}
