import type { Database } from '../../src/lib/server';
import type { WireEvent } from '../../src/lib/protocol';

const COLUMNS = 11;

/**
 * The baseline: the same rows in one multi-row `INSERT … VALUES`, one statement, no checks,
 * into the server's own events table. JSON travels as text, cast in SQL, as the server does.
 */
export async function rawInsert(
	db: Database,
	workspaceId: string,
	events: WireEvent[]
): Promise<void> {
	const recordedAt = new Date().toISOString();
	const params: (string | number)[] = [];
	const rows = events.map((event, index) => {
		params.push(
			workspaceId,
			event.streamId,
			event.version,
			event.eventId,
			event.type,
			event.schemaVersion,
			JSON.stringify(event.data),
			JSON.stringify(event.metadata),
			event.metadata.deviceId,
			recordedAt,
			'user-bench'
		);
		const p = (column: number) => `$${index * COLUMNS + column}`;
		return `(${p(1)}::text, ${p(2)}::text, ${p(3)}::integer, ${p(4)}::text, ${p(5)}::text, ${p(6)}::integer, ${p(7)}::text::jsonb, ${p(8)}::text::jsonb, ${p(9)}::text, ${p(10)}::timestamptz, ${p(11)}::text)`;
	});
	await db.query(
		`INSERT INTO events (workspace_id, stream_id, version, event_id, type, schema_version,
			data, metadata, device_id, recorded_at, recorded_by) VALUES ${rows.join(', ')}`,
		params
	);
}
