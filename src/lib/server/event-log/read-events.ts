import { MAX_PULL_PAGE_BYTES, type PullResponse } from '../../protocol';
import type { SqlExecutor } from '../db/database';
import { EVENT_COLUMNS, toSyncedEvent, type EventRow } from './event-row';

/** Room in a page's budget for what surrounds the events: `{"events":[…],"head":…,"hasMore":…}`. */
const PAGE_ENVELOPE_BYTES = 1024;

/**
 * One page of the workspace's log after `after`: at most `limit` events, cut where their JSON
 * would pass `maxBytes` (by the `json_bytes` column), but never empty while events remain, so
 * an event stored above today's limits is still served, alone on its page. The head and the
 * page come from one statement, hence one snapshot: `hasMore` is exactly "the head is past
 * this page". Only the small size column of the `limit` rows is read to find the cut; whole
 * rows are read for the page alone.
 */
export async function readEvents(
	sql: SqlExecutor,
	workspaceId: string,
	after: number,
	limit: number,
	maxBytes: number = MAX_PULL_PAGE_BYTES
): Promise<PullResponse> {
	const rows = await sql.query<Partial<EventRow> & { head: string | number }>(
		`SELECT h.head, e.*
		FROM (SELECT coalesce(max(position), 0) AS head FROM events WHERE workspace_id = $1::text) h
		LEFT JOIN LATERAL (
			SELECT ${qualified('ev')}
			FROM (
				SELECT position, json_bytes,
					sum(json_bytes) OVER (ORDER BY position ROWS UNBOUNDED PRECEDING) AS running
				FROM events
				WHERE workspace_id = $1::text AND position > $2::bigint
				ORDER BY position
				LIMIT $3::integer
			) page
			JOIN events ev ON ev.position = page.position
			WHERE page.running <= $4::bigint OR page.running = page.json_bytes
		) e ON true
		ORDER BY e.position`,
		[workspaceId, after, limit, maxBytes - PAGE_ENVELOPE_BYTES]
	);
	const head = Number(rows[0]?.head ?? 0);
	const events = rows
		.filter((row) => row.position !== null && row.position !== undefined)
		.map((row) => toSyncedEvent(row as EventRow));
	const last = events.at(-1)?.position ?? after;
	return { events, head, hasMore: last < head };
}

function qualified(table: string): string {
	return EVENT_COLUMNS.split(', ')
		.map((column) => `${table}.${column}`)
		.join(', ');
}
