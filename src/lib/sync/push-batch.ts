import Dexie from 'dexie';
import type { StoredEvent } from '../events';
import type { EventStore } from '../eventstore';
import { MAX_BODY_BYTES, MAX_PUSH_EVENTS, type AcceptedEvent, type WireEvent } from '../protocol';

// Room for the envelope of the request around the events.
const BODY_BUDGET = MAX_BODY_BYTES - 16 * 1024;

/** Events to push, with their local keys so the answer can be recorded without searching. */
export interface PushBatch {
	events: WireEvent[];
	seqs: number[];
}

/**
 * The next pending events to push, in local order: at most `limit`, within the body limit,
 * leaving out streams held back by the conflict inbox (their order waits for the user).
 * Read a page at a time, not an event at a time: a cursor step per event costs more than
 * the push itself.
 */
export async function pendingBatch(
	store: EventStore,
	options: { limit?: number; held?: ReadonlySet<string> } = {}
): Promise<PushBatch> {
	const limit = Math.min(options.limit ?? MAX_PUSH_EVENTS, MAX_PUSH_EVENTS);
	const held = options.held ?? new Set<string>();
	const batch: PushBatch = { events: [], seqs: [] };
	let bytes = 0;
	let afterSeq = 0;
	for (;;) {
		const page = await store.db.events
			.where('[sync+seq]')
			.between(['pending', afterSeq], ['pending', Dexie.maxKey], false, true)
			.limit(limit)
			.toArray();
		for (const event of page) {
			if (held.has(event.streamId)) continue;
			const wire = toWire(event);
			bytes += JSON.stringify(wire).length;
			if (batch.events.length > 0 && bytes > BODY_BUDGET) return batch;
			batch.events.push(wire);
			batch.seqs.push(event.seq);
			if (batch.events.length >= limit) return batch;
		}
		if (page.length < limit) return batch;
		afterSeq = page.at(-1)!.seq;
	}
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
 * Marks what the server accepted as synced, and drops the commands all of whose events are
 * now on the server: only pending events ever need their command again.
 */
export async function markAccepted(
	store: EventStore,
	batch: PushBatch,
	accepted: readonly AcceptedEvent[],
	recordedBy: string
): Promise<void> {
	const { db } = store;
	const byId = new Map(accepted.map((ack) => [ack.eventId, ack]));
	const streams = await db.transaction('rw', db.events, db.commands, async () => {
		const events = (await db.events.bulkGet(batch.seqs)).filter(
			(event) => event !== undefined && event.sync === 'pending' && byId.has(event.eventId)
		) as StoredEvent[];
		// A command's events are written together, with consecutive local keys: if any of them
		// is still pending, it is among the pending events right after this batch. That read
		// does not wait for the write.
		const lastSeq = Math.max(0, ...batch.seqs);
		const [, following] = await Promise.all([
			db.events.bulkPut(
				events.map((event) => {
					const { position, recordedAt } = byId.get(event.eventId)!;
					return { ...event, sync: 'synced' as const, position, recordedAt, recordedBy };
				})
			),
			db.events
				.where('[sync+seq]')
				.between(['pending', lastSeq], ['pending', Dexie.maxKey], false, true)
				.limit(MAX_PUSH_EVENTS)
				.toArray()
		]);
		const continuing = new Set(following.map((event) => event.metadata.commandId));
		const finished = new Set(events.map((event) => event.metadata.commandId));
		await db.commands.bulkDelete([...finished].filter((id) => !continuing.has(id)));
		return [...new Set(events.map((event) => event.streamId))];
	});
	store.announce(streams, false);
}
