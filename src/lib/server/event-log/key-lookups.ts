import type { SqlExecutor } from '../db/database';

/**
 * The append's two lookups, each written as one probe of a unique index per key, so that their
 * cost is the batch's, never the workspace's. A LATERAL subquery with a LIMIT runs once per key:
 * the planner cannot turn it into a join that reads the whole workspace, which it otherwise
 * prefers whenever it believes the workspace to be small (see migration 2).
 */

/** `$1` workspace, `$2` a JSON array of eventIds → the stored events among them. */
export const STORED_BY_EVENT_ID = `SELECT e.position, e.event_id, e.stream_id, e.version, e.type,
		e.data, e.recorded_at
	FROM jsonb_array_elements_text($2::text::jsonb) AS pushed(event_id)
	CROSS JOIN LATERAL (
		SELECT position, event_id, stream_id, version, type, data, recorded_at FROM events
		WHERE workspace_id = $1::text AND event_id = pushed.event_id
		LIMIT 1
	) e`;

/** `$1` workspace, `$2` a JSON array of streamIds → each stored stream's last version. */
export const STREAM_HEADS = `SELECT pushed.stream_id, head.version
	FROM jsonb_array_elements_text($2::text::jsonb) AS pushed(stream_id)
	CROSS JOIN LATERAL (
		SELECT version FROM events
		WHERE workspace_id = $1::text AND stream_id = pushed.stream_id
		ORDER BY version DESC
		LIMIT 1
	) head`;

export interface StoredRow {
	position: string | number;
	event_id: string;
	stream_id: string;
	version: number;
	type: string;
	data: unknown;
	recorded_at: Date | string;
}

/** The events of `eventIds` already stored in the workspace, in no particular order. */
export function findStored(
	sql: SqlExecutor,
	workspaceId: string,
	eventIds: readonly string[]
): Promise<StoredRow[]> {
	return sql.query<StoredRow>(STORED_BY_EVENT_ID, [workspaceId, JSON.stringify(eventIds)]);
}

/** The last stored version of each of `streamIds`; a stream with no events has no entry. */
export async function findStreamHeads(
	sql: SqlExecutor,
	workspaceId: string,
	streamIds: readonly string[]
): Promise<Map<string, number>> {
	const rows = await sql.query<{ stream_id: string; version: number }>(STREAM_HEADS, [
		workspaceId,
		JSON.stringify(streamIds)
	]);
	return new Map(rows.map((row) => [row.stream_id, Number(row.version)]));
}
