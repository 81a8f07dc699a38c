import type { MembersResponse } from '../../protocol';
import type { SqlExecutor } from '../db/database';
import type { Caller } from './sessions';

/** The caller's workspace and everyone in it, by name; nobody from any other workspace. */
export async function listMembers(sql: SqlExecutor, caller: Caller): Promise<MembersResponse> {
	const rows = await sql.query<{ id: string; name: string }>(
		`SELECT id, name FROM users WHERE workspace_id = $1::text ORDER BY lower(name)`,
		[caller.workspaceId]
	);
	const [workspace] = await sql.query<{ name: string }>(
		`SELECT name FROM workspaces WHERE id = $1::text`,
		[caller.workspaceId]
	);
	return {
		workspace: { workspaceId: caller.workspaceId, name: workspace!.name },
		members: rows.map((row) => ({ userId: row.id, name: row.name }))
	};
}
