import { MAX_PULL_PAGE_BYTES } from '../../protocol';
import type { SqlExecutor } from '../db/database';

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
 * an event stored above today's limits is still served, alone on its page. One statement, one
 * round trip: the database function `pull_page` (migration 6) reads the head and the page in one
 * snapshot, so `hasMore` is exactly "the head is past this page", and writes each event's JSON
 * and joins the page: the stored `jsonb` goes out as the text it already is, never parsed and
 * serialised again here.
 */
export async function readEvents(
	sql: SqlExecutor,
	workspaceId: string,
	after: number,
	limit: number,
	maxBytes: number = MAX_PULL_PAGE_BYTES
): Promise<PullPage> {
	const [row] = await sql.query<{
		head: string | number;
		last: string | number | null;
		count: string | number;
		events: string | null;
	}>(
		`SELECT head, last, count, events FROM pull_page($1::text, $2::bigint, $3::integer, $4::bigint)`,
		[workspaceId, after, limit, maxBytes - PAGE_ENVELOPE_BYTES],
		// The devices of a workspace that a push pokes pull the same page at once.
		{ share: true }
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
