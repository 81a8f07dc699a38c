import type { SqlExecutor } from '../db/database';

/**
 * The append's lookups, each written as one probe of a unique index per key, so that their
 * cost is the batch's, never the workspace's. A LATERAL subquery with a LIMIT runs once per key:
 * the planner cannot turn it into a join that reads the whole workspace, which it otherwise
 * prefers whenever it believes the workspace to be small (see migration 2).
 */

/**
 * `$1` workspace, `$2` a JSON array of eventIds, `$3` a JSON array of streamIds → in one round
 * trip, the stored events among the eventIds, then one row per stored stream with its last
 * version (only `stream_id` and `version` set; `event_id` null).
 */
export const BATCH_KEYS = `SELECT e.position, e.event_id, e.stream_id, e.version, e.type,
		e.data, e.recorded_at
	FROM jsonb_array_elements_text($2::text::jsonb) AS pushed(event_id)
	CROSS JOIN LATERAL (
		SELECT position, event_id, stream_id, version, type, data, recorded_at FROM events
		WHERE workspace_id = $1::text AND event_id = pushed.event_id
		LIMIT 1
	) e
	UNION ALL
	SELECT NULL, NULL, pushed.stream_id, head.version, NULL, NULL, NULL
	FROM jsonb_array_elements_text($3::text::jsonb) AS pushed(stream_id)
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

export interface BatchKeys {
	/** The events of `eventIds` already stored in the workspace, in no particular order. */
	stored: StoredRow[];
	/** The last stored version of each of `streamIds`; a stream with no events has no entry. */
	heads: Map<string, number>;
}

type HeadRow = Pick<StoredRow, 'stream_id' | 'version'> & { event_id: null };

/** What the workspace already holds of a batch's events and streams. */
export async function findBatchKeys(
	sql: SqlExecutor,
	workspaceId: string,
	eventIds: readonly string[],
	streamIds: readonly string[]
): Promise<BatchKeys> {
	const rows = await sql.query<StoredRow | HeadRow>(BATCH_KEYS, [
		workspaceId,
		JSON.stringify(eventIds),
		JSON.stringify(streamIds)
	]);
	const stored: StoredRow[] = [];
	const heads = new Map<string, number>();
	for (const row of rows) {
		if (row.event_id === null) heads.set(row.stream_id, Number(row.version));
		else stored.push(row);
	}
	return { stored, heads };
}
