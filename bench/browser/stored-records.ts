import type { EventInput } from '../../src/lib/events';
import type { EventRecord } from '../../src/lib/eventstore/testing';
import { registry } from './registry';

/** The schema of Rewind's events table (`src/lib/eventstore/internal/database.ts`, version 8), for Dexie. */
export const EVENTS_SCHEMA = '++seq, &eventId, &[streamId+version], metadata.commandId';

export type PendingRecord = Omit<EventRecord, 'seq'>;

/**
 * The records `EventStore.append` stores for these events at versions `from + 1…`: the same
 * fields, validated by the same registry, before any timing starts.
 */
export function storedRecords(streamId: string, events: EventInput[], from = 0): PendingRecord[] {
	return events.map((event, index) => ({
		eventId: event.eventId ?? crypto.randomUUID(),
		streamId,
		version: from + index + 1,
		type: event.type,
		schemaVersion: registry.latestVersion(event.type),
		data: registry.validate(event.type, event.data),
		metadata: event.metadata
	}));
}
