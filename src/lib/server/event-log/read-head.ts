import type { SqlExecutor } from '../db/database';

/** The position of the workspace's last event, 0 when it has none. */
export async function readHead(sql: SqlExecutor, workspaceId: string): Promise<number> {
	const [row] = await sql.query<{ head: string | number }>(
		`SELECT coalesce(max(position), 0) AS head FROM events WHERE workspace_id = $1::text`,
		[workspaceId]
	);
	return Number(row?.head ?? 0);
}
