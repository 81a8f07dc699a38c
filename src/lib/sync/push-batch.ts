import type { StoredEvent } from '../events';
import {
	isPending,
	onResult,
	overlaps,
	receiptFor,
	receiptRuns,
	remainder,
	type Receipt,
	type EventStore,
	type OutboxEntry
} from '../eventstore';
import {
	jsonByteLength,
	MAX_BODY_BYTES,
	MAX_PUSH_EVENTS,
	type AcceptedEvent,
	type WireEvent
} from '../protocol';

/** Room for what surrounds the events in a push body: `{"deviceId":…,"events":[…]}`, commas. */
const BODY_BUDGET = MAX_BODY_BYTES - 16 * 1024;

/** Events to push, with the records they were read from, so the answer is recorded without reading them again. */
export interface PushBatch {
	events: WireEvent[];
	records: StoredEvent[];
}

/**
 * The next pending events to push, in local order (after `afterSeq`): at most `limit`, and as
 * many as fit the body limit in UTF-8 bytes, leaving out streams held back by the conflict
 * inbox (their order waits for the user). An event too big for any body still comes, alone,
 * so that the server's 413 can say which one it is.
 */
export async function pendingBatch(
	store: EventStore,
	options: { limit?: number; held?: ReadonlySet<string>; afterSeq?: number } = {}
): Promise<PushBatch> {
	const limit = Math.min(options.limit ?? MAX_PUSH_EVENTS, MAX_PUSH_EVENTS);
	const batch: PushBatch = { events: [], records: [] };
	let bytes = 0;
	for (const event of await store.readPending({ ...options, limit })) {
		const wire = toWire(event);
		bytes += jsonByteLength(wire) + 1;
		if (batch.events.length > 0 && bytes > BODY_BUDGET) return batch;
		batch.events.push(wire);
		batch.records.push(event);
	}
	return batch;
}

export function toWire(event: StoredEvent): WireEvent {
	const { eventId, streamId, version, type, schemaVersion, data, metadata } = event;
	return {
		eventId,
		streamId,
		version,
		type,
		schemaVersion,
		data: data as WireEvent['data'],
		metadata
	};
}

/**
 * Records what the server accepted. One native transaction (see `EventStore.transact`) that
 * never rewrites an event: it reads the outbox entries up to the batch's end, and for each event
 * of the batch still in one (an event discarded or rebased since is not, and is left alone)
 * writes a receipt and takes it out of the outbox. An entry goes with its command once all its
 * events are on the server; a command whose events go on past the batch stays with the rest.
 */
export async function markAccepted(
	store: EventStore,
	batch: PushBatch,
	accepted: readonly AcceptedEvent[],
	recordedBy: string
): Promise<void> {
	const last = batch.records.at(-1)?.seq;
	if (last === undefined) return;
	const byId = new Map(accepted.map((ack) => [ack.eventId, ack]));
	const streams = await store.transact(['outbox', 'receipts'], (scope) => {
		const { tx, keyRange } = scope;
		const outbox = tx.objectStore('outbox');
		const touched = new Set<string>();
		onResult(scope, outbox.getAll(keyRange.upperBound(last)), (result) => {
			const entries = result as OutboxEntry[];
			const synced = new Set<number>();
			const acknowledged: Receipt[] = [];
			for (const record of batch.records) {
				const ack = byId.get(record.eventId);
				if (!ack || !isPending(entries, record.seq)) continue;
				acknowledged.push(receiptFor(record.seq, { ...ack, recordedBy }));
				synced.add(record.seq);
				touched.add(record.streamId);
			}
			// Usually one receipt for the whole batch: its seqs and positions run on together.
			const receipts = tx.objectStore('receipts');
			for (const run of receiptRuns(acknowledged)) receipts.put(run);
			const changed = entries.find((entry) => overlaps(entry, synced));
			if (!changed) return;
			// One request clears the batch's runs, commands and all; what is left of them (a command
			// going on past the batch, a held stream's run in between) is written back.
			outbox.delete(keyRange.bound(changed.seq, last));
			for (const entry of entries) {
				if (entry.seq < changed.seq) continue;
				for (const run of remainder(entry, synced)) outbox.put(run);
			}
		});
		return () => [...touched];
	});
	store.announce(streams, false);
}
