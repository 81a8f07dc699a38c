import { MAX_PULL_PAGE_BYTES } from '../../protocol';
import type { Database } from '../db/database';
import { EVENT_JSON } from './event-json';
import { inIndexOrder } from './in-index-order';

/** Room in a page's budget for what surrounds the events: `{"events":[…],"head":…,"hasMore":…}`. */
const PAGE_ENVELOPE_BYTES = 1024;

/** A pull page as the body it is sent as, with what the caller needs to know about it. */
export interface PullPage {
	/** `{"events":[…],"head":…,"hasMore":…}`, the contract's pull response, as JSON text. */
	json: string;
	/** How many events it holds. */
	count: number;
	head: number;
	hasMore: boolean;
}

/**
 * One page of the workspace's log after `after`: at most `limit` events, cut where their JSON
 * would pass `maxBytes` (by the `json_bytes` column), but never empty while events remain, so
 * an event stored above today's limits is still served, alone on its page. The head and the
 * page come from one statement, hence one snapshot: `hasMore` is exactly "the head is past
 * this page". The database writes each event's JSON and joins the page (`EVENT_JSON`): the
 * stored `jsonb` goes out as the text it already is, never parsed and serialised again here.
 */
export async function readEvents(
	db: Database,
	workspaceId: string,
	after: number,
	limit: number,
	maxBytes: number = MAX_PULL_PAGE_BYTES
): Promise<PullPage> {
	const [row] = await inIndexOrder(db, (tx) =>
		tx.query<{
			head: string | number;
			last: string | number | null;
			count: string | number;
			events: string | null;
		}>(
			`SELECT (SELECT coalesce(max(position), 0) FROM events WHERE workspace_id = $1::text) AS head,
				max(e.position) AS last, count(*) AS count,
				string_agg(${EVENT_JSON}, ',' ORDER BY e.position) AS events
			FROM (
				SELECT ev.*, sum(ev.json_bytes) OVER (ORDER BY ev.position ROWS UNBOUNDED PRECEDING) AS running
				FROM events ev
				WHERE ev.workspace_id = $1::text AND ev.position > $2::bigint
				ORDER BY ev.position
				LIMIT $3::integer
			) e
			WHERE e.running <= $4::bigint OR e.running = e.json_bytes`,
			[workspaceId, after, limit, maxBytes - PAGE_ENVELOPE_BYTES]
		)
	);
	const head = Number(row?.head ?? 0);
	const last = row?.last === null || row?.last === undefined ? after : Number(row.last);
	const hasMore = last < head;
	return {
		json: `{"events":[${row?.events ?? ''}],"head":${head},"hasMore":${hasMore}}`,
		count: Number(row?.count ?? 0),
		head,
		hasMore
	};
}
