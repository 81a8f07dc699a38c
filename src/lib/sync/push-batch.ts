import Dexie from 'dexie';
import type { StoredEvent } from '../events';
import type { EventStore } from '../eventstore';
import { dropFinishedCommands } from './finished-commands';
import { MAX_BODY_BYTES, MAX_PUSH_EVENTS, type AcceptedEvent, type WireEvent } from '../protocol';

// Room for the envelope of the request around the events.
const BODY_BUDGET = MAX_BODY_BYTES - 16 * 1024;

/**
 * The next pending events to push, in local order: at most `limit`, within the body limit,
 * leaving out streams held back by the conflict inbox (their order waits for the user).
 */
export async function pendingBatch(
	store: EventStore,
	options: { limit?: number; held?: ReadonlySet<string> } = {}
): Promise<WireEvent[]> {
	const limit = Math.min(options.limit ?? MAX_PUSH_EVENTS, MAX_PUSH_EVENTS);
	const held = options.held ?? new Set<string>();
	const batch: WireEvent[] = [];
	let bytes = 0;
	await store.db.events
		.where('[sync+seq]')
		.between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
		.until(() => batch.length >= limit || bytes >= BODY_BUDGET)
		.each((event) => {
			if (held.has(event.streamId)) return;
			const wire = toWire(event);
			const size = JSON.stringify(wire).length;
			if (bytes + size > BODY_BUDGET && batch.length > 0) {
				bytes = BODY_BUDGET;
				return;
			}
			batch.push(wire);
			bytes += size;
		});
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
 * Marks what the server accepted as synced, and drops the commands all of whose events are
 * now on the server: only pending events ever need their command again.
 */
export async function markAccepted(
	store: EventStore,
	accepted: readonly AcceptedEvent[],
	recordedBy: string
): Promise<void> {
	const { db } = store;
	const byId = new Map(accepted.map((ack) => [ack.eventId, ack]));
	const streams = await db.transaction('rw', db.events, db.commands, async () => {
		// Read and write in bulk: one batch is up to 500 events, acknowledged together.
		const events = await db.events
			.where('eventId')
			.anyOf([...byId.keys()])
			.toArray();
		const newlySynced = events.filter((event) => event.sync === 'pending');
		await db.events.bulkPut(
			newlySynced.map((event) => {
				const { position, recordedAt } = byId.get(event.eventId)!;
				return { ...event, sync: 'synced', position, recordedAt, recordedBy };
			})
		);
		await dropFinishedCommands(
			store,
			newlySynced.map((event) => event.metadata.commandId)
		);
		return [...new Set(newlySynced.map((event) => event.streamId))];
	});
	store.announce(streams, false);
}
