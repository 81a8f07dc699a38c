import type { PullResponse } from '../../protocol';
import type { SqlExecutor } from '../db/database';
import { EVENT_COLUMNS, toSyncedEvent, type EventRow } from './event-row';

/**
 * One page of the workspace's log after `after`. The head and the page come from one statement,
 * hence one snapshot: `hasMore` is exactly "the head is past this page".
 */
export async function readEvents(
	sql: SqlExecutor,
	workspaceId: string,
	after: number,
	limit: number
): Promise<PullResponse> {
	const rows = await sql.query<Partial<EventRow> & { head: string | number }>(
		`SELECT h.head, e.*
		FROM (SELECT coalesce(max(position), 0) AS head FROM events WHERE workspace_id = $1::text) h
		LEFT JOIN LATERAL (
			SELECT ${EVENT_COLUMNS} FROM events
			WHERE workspace_id = $1::text AND position > $2::bigint
			ORDER BY position
			LIMIT $3::integer
		) e ON true
		ORDER BY e.position`,
		[workspaceId, after, limit]
	);
	const head = Number(rows[0]?.head ?? 0);
	const events = rows
		.filter((row) => row.position !== null && row.position !== undefined)
		.map((row) => toSyncedEvent(row as EventRow));
	const last = events.at(-1)?.position ?? after;
	return { events, head, hasMore: last < head };
}
