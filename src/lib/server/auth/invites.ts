import type { InviteResponse } from '../../protocol';
import type { SqlExecutor } from '../db/database';
import { hashSecret, newInviteCode } from './secrets';
import type { Caller } from './sessions';

/** A single-use code that lets one more person join the caller's workspace. */
export async function createInvite(
	sql: SqlExecutor,
	caller: Caller,
	expiresAt: Date
): Promise<InviteResponse> {
	const code = newInviteCode();
	await sql.query(
		`INSERT INTO invites (code_hash, workspace_id, created_by, expires_at)
		VALUES ($1::text, $2::text, $3::text, $4::timestamptz)`,
		[hashSecret(code), caller.workspaceId, caller.userId, expiresAt.toISOString()]
	);
	return { code };
}
