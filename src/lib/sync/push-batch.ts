import type { StoredEvent } from '../events';
import type { Acknowledgement, EventStore } from '../eventstore';
import type { AcceptedEvent, WireEvent } from '../protocol';
import { MAX_BODY_BYTES, MAX_PUSH_EVENTS, utf8ByteLength } from '../protocol/limits';

/** Room for what surrounds the events in a push body: `{"deviceId":…,"events":[…]}`, commas. */
const BODY_BUDGET = MAX_BODY_BYTES - 16 * 1024;

/** Events to push, with the records they were read from, so the answer is recorded without reading them again. */
export interface PushBatch {
	events: WireEvent[];
	/** Each event's JSON, as the body sends it: serialised once, to size the batch and to send. */
	json: string[];
	records: StoredEvent[];
}

/** UTF-8 takes at most 3 bytes per UTF-16 unit: below this many units a body surely fits. */
const SURELY_FITS = Math.floor(BODY_BUDGET / 3);

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
	const batch: PushBatch = { events: [], json: [], records: [] };
	// Counting UTF-8 bytes walks every character; only a batch that might not fit needs it.
	let units = 0;
	let bytes: number | undefined;
	// A reaction's command waits for its cause (see `causesFirst`), unless nothing else could go:
	// consequences each waiting for the other's cause would otherwise wait for ever.
	let events = await store.readPending({ ...options, limit, causesFirst: true });
	if (events.length === 0) events = await store.readPending({ ...options, limit });
	for (const event of events) {
		const wire = toWire(event);
		const json = JSON.stringify(wire);
		units += json.length + 1;
		if (units > SURELY_FITS) {
			bytes = (bytes ?? utf8Bytes(batch.json)) + utf8ByteLength(json) + 1;
			if (batch.events.length > 0 && bytes > BODY_BUDGET) return batch;
		}
		batch.events.push(wire);
		batch.json.push(json);
		batch.records.push(event);
	}
	return batch;
}

function utf8Bytes(json: readonly string[]): number {
	return json.reduce((bytes, text) => bytes + utf8ByteLength(text) + 1, 0);
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
 * Records what the server accepted of `batch` (`store.sync.acknowledge`: one native
 * transaction). An event discarded or rebased since the batch was read is left alone.
 */
export async function markAccepted(
	store: EventStore,
	batch: PushBatch,
	accepted: readonly AcceptedEvent[],
	recordedBy: string
): Promise<void> {
	const byId = new Map(accepted.map((ack) => [ack.eventId, ack]));
	const acks: Acknowledgement[] = [];
	for (const { seq, streamId, eventId } of batch.records) {
		const ack = byId.get(eventId);
		if (ack)
			acks.push({ seq, streamId, position: ack.position, recordedAt: ack.recordedAt, recordedBy });
	}
	await store.sync.acknowledge(acks);
}
