import type { MembersResponse } from '../../protocol';
import type { SqlExecutor } from '../db/database';
import { MEMBER_COLUMNS, toMember, type MemberRow } from './member-row';
import type { Caller } from './sessions';

/**
 * The caller's workspace and everyone who is or was in it (removed people too, so their events
 * keep a name); nobody from any other workspace.
 */
export async function listMembers(sql: SqlExecutor, caller: Caller): Promise<MembersResponse> {
	const rows = await sql.query<MemberRow>(
		`SELECT ${MEMBER_COLUMNS} FROM users WHERE workspace_id = $1::text ORDER BY lower(name), id`,
		[caller.workspaceId]
	);
	const [workspace] = await sql.query<{ name: string }>(
		`SELECT name FROM workspaces WHERE id = $1::text`,
		[caller.workspaceId]
	);
	return {
		workspace: { workspaceId: caller.workspaceId, name: workspace!.name },
		you: { userId: caller.userId, role: caller.role },
		members: rows.map(toMember)
	};
}
