import type { InviteResponse, Role } from '../../protocol';
import type { SqlExecutor } from '../db/database';
import { hashSecret, newInviteCode } from './secrets';
import type { Caller } from './sessions';

/** A single-use code that lets one more person join the caller's workspace, with `role`. */
export async function createInvite(
	sql: SqlExecutor,
	caller: Caller,
	role: Role,
	expiresAt: Date
): Promise<InviteResponse> {
	const code = newInviteCode();
	await sql.query(
		`INSERT INTO invites (code_hash, workspace_id, created_by, expires_at, role)
		VALUES ($1::text, $2::text, $3::text, $4::timestamptz, $5::text)`,
		[hashSecret(code), caller.workspaceId, caller.userId, expiresAt.toISOString(), role]
	);
	return { code, role };
}
