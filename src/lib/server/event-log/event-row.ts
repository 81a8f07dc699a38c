import type { SyncedEvent } from '../../protocol';

/** An `events` row as both drivers return it: bigint as string or number, timestamps as Date. */
export interface EventRow {
	position: string | number;
	event_id: string;
	stream_id: string;
	version: number;
	type: string;
	schema_version: number;
	data: Record<string, unknown>;
	metadata: SyncedEvent['metadata'];
	recorded_at: Date | string;
	recorded_by: string;
}

export const EVENT_COLUMNS =
	'position, event_id, stream_id, version, type, schema_version, data, metadata, recorded_at, recorded_by';

export function toIsoTime(value: Date | string): string {
	return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function toSyncedEvent(row: EventRow): SyncedEvent {
	return {
		eventId: row.event_id,
		streamId: row.stream_id,
		version: row.version,
		type: row.type,
		schemaVersion: row.schema_version,
		data: row.data,
		metadata: row.metadata,
		position: Number(row.position),
		recordedAt: toIsoTime(row.recorded_at),
		recordedBy: row.recorded_by
	};
}
