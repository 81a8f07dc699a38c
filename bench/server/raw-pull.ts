import type { Database } from '../../src/lib/server';

/** The columns a pulled event carries, as the server's table holds them. */
const COLUMNS =
	'position, event_id, stream_id, version, type, schema_version, data, metadata, recorded_at, recorded_by';

/**
 * The baseline of a pull: the workspace's rows after `after`, `limit` at a time, in position
 * order, each page serialised with `JSON.stringify` as the driver returns it; no session, no byte
 * budget, no head; in a transaction that reads the index in order, as the server does. Returns the characters of JSON made, so the caller can check all `total` were read.
 */
export async function rawPull(
	db: Database,
	workspaceId: string,
	total: number,
	limit: number
): Promise<{ events: number; characters: number }> {
	let after = 0;
	let events = 0;
	let characters = 0;
	while (events < total) {
		// The plan an index gives (see migration 6, pull_page, in the server's db/migrations.ts): without it this SELECT
		// reads and sorts the rest of the workspace for every page.
		const rows = await db.transaction(async (tx) => {
			await tx.query(`SET LOCAL enable_sort = off`);
			return tx.query<{ position: string | number }>(
				`SELECT ${COLUMNS} FROM events
				WHERE workspace_id = $1::text AND position > $2::bigint
				ORDER BY position LIMIT $3::integer`,
				[workspaceId, after, limit]
			);
		});
		const last = rows.at(-1);
		if (!last) break;
		characters += JSON.stringify(rows).length;
		events += rows.length;
		after = Number(last.position);
	}
	return { events, characters };
}
