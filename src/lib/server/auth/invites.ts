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

/**
 * Voids the codes `userId` made that nobody has used: called when they are removed or stop
 * being an owner. Gone for good, so that making them an owner again does not bring back a code
 * they kept, or handed out, while they were shown the door.
 */
export async function voidUnusedInvites(sql: SqlExecutor, userId: string): Promise<void> {
	await sql.query(`DELETE FROM invites WHERE created_by = $1::text AND used_by IS NULL`, [userId]);
}
