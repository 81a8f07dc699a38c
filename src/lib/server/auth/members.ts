import type { MembersResponse } from '../../protocol';
import type { SqlExecutor } from '../db/database';
import type { Caller } from './sessions';

/** Everyone in the caller's workspace, by name; nobody from any other workspace. */
export async function listMembers(sql: SqlExecutor, caller: Caller): Promise<MembersResponse> {
	const rows = await sql.query<{ id: string; name: string }>(
		`SELECT id, name FROM users WHERE workspace_id = $1::text ORDER BY lower(name)`,
		[caller.workspaceId]
	);
	return { members: rows.map((row) => ({ userId: row.id, name: row.name })) };
}
