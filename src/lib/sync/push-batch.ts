import Dexie from 'dexie';
import type { StoredEvent } from '../events';
import { onResult, type EventStore } from '../eventstore';
import { MAX_BODY_BYTES, MAX_PUSH_EVENTS, type AcceptedEvent, type WireEvent } from '../protocol';

// Room for the envelope of the request around the events.
const BODY_BUDGET = MAX_BODY_BYTES - 16 * 1024;

/** Events to push, with the records they were read from, so the answer is recorded without reading them again. */
export interface PushBatch {
	events: WireEvent[];
	records: StoredEvent[];
}

/**
 * The next pending events to push, in local order (after `afterSeq`): at most `limit`, within the body limit,
 * leaving out streams held back by the conflict inbox (their order waits for the user).
 * Read a page at a time, not an event at a time: a cursor step per event costs more than
 * the push itself.
 */
export async function pendingBatch(
	store: EventStore,
	options: { limit?: number; held?: ReadonlySet<string>; afterSeq?: number } = {}
): Promise<PushBatch> {
	const limit = Math.min(options.limit ?? MAX_PUSH_EVENTS, MAX_PUSH_EVENTS);
	const held = options.held ?? new Set<string>();
	const batch: PushBatch = { events: [], records: [] };
	let bytes = 0;
	let afterSeq = options.afterSeq ?? 0;
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
			batch.records.push(event);
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
 *
 * One native transaction (see `EventStore.transact`) with two reads, keys only: which of the
 * batch's events are still pending (one discarded or rebased since is not, under its key,
 * and is left alone), and the first pending event after the batch. Each accepted event is
 * written back from the record it was pushed from, so the device keeps exactly what the
 * server stored.
 */
export async function markAccepted(
	store: EventStore,
	batch: PushBatch,
	accepted: readonly AcceptedEvent[],
	recordedBy: string
): Promise<void> {
	const first = batch.records[0]?.seq;
	const last = batch.records.at(-1)?.seq;
	if (first === undefined || last === undefined) return;
	const byId = new Map(accepted.map((ack) => [ack.eventId, ack]));
	const streams = await store.transact(['events', 'commands'], (scope) => {
		const { tx, keyRange } = scope;
		const events = tx.objectStore('events');
		const pending = events.index('[sync+seq]');
		const touched = new Set<string>();
		const finished = new Set<string>();
		const inBatch = keyRange.bound(['pending', first], ['pending', last]);
		onResult(scope, pending.getAllKeys(inBatch), (keys) => {
			const stillPending = new Set(keys);
			for (const record of batch.records) {
				const ack = byId.get(record.eventId);
				if (!ack || !stillPending.has(record.seq)) continue;
				const { position, recordedAt } = ack;
				events.put({ ...record, sync: 'synced', position, recordedAt, recordedBy });
				touched.add(record.streamId);
				finished.add(record.metadata.commandId);
			}
		});
		// A command's events are written in one transaction, with consecutive local keys: only
		// the batch's last command can have events left, and they are the next pending ones.
		const after = keyRange.bound(['pending', last], ['pending', Dexie.maxKey], true);
		onResult(scope, pending.getAll(after, 1), (next) => {
			const continuing = (next as StoredEvent[])[0]?.metadata.commandId;
			const commands = tx.objectStore('commands');
			for (const commandId of finished) if (commandId !== continuing) commands.delete(commandId);
		});
		return () => [...touched];
	});
	store.announce(streams, false);
}
