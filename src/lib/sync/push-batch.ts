import Dexie from 'dexie';
import type { StoredEvent } from '../events';
import type { EventStore } from '../eventstore';
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
	const streams = await db.transaction('rw', db.events, db.commands, async () => {
		const touched = new Set<string>();
		const commandIds = new Set<string>();
		for (const { eventId, position, recordedAt } of accepted) {
			const event = await db.events.where('eventId').equals(eventId).first();
			if (!event || event.sync === 'synced') continue;
			await db.events.update(event.seq, { sync: 'synced', position, recordedAt, recordedBy });
			touched.add(event.streamId);
			commandIds.add(event.metadata.commandId);
		}
		for (const commandId of commandIds) {
			const command = await db.commands.get(commandId);
			if (!command) continue;
			const events = await db.events.where('eventId').anyOf(command.eventIds).toArray();
			if (events.every((event) => event.sync === 'synced')) await db.commands.delete(commandId);
		}
		return [...touched];
	});
	store.announce(streams, false);
}
