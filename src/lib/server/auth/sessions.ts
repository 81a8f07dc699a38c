import type { SessionResponse } from '../../protocol';
import type { SqlExecutor } from '../db/database';
import { UnauthorizedError } from '../errors';
import { hashSecret, newToken } from './secrets';

/** Who is calling: every sync call is checked against this, never against what the body says. */
export interface Caller {
	userId: string;
	workspaceId: string;
	/** The hash of the bearer token, which names the session (for rate limits and logout). */
	tokenHash: string;
}

export async function createSession(
	sql: SqlExecutor,
	userId: string,
	workspaceId: string,
	expiresAt: Date
): Promise<SessionResponse> {
	const token = newToken();
	await sql.query(
		`INSERT INTO sessions (token_hash, user_id, workspace_id, expires_at)
		VALUES ($1::text, $2::text, $3::text, $4::timestamptz)`,
		[hashSecret(token), userId, workspaceId, expiresAt.toISOString()]
	);
	return { token, userId, workspaceId };
}

/** The caller a token belongs to; throws UnauthorizedError for a missing, unknown, revoked or expired one. */
export async function authenticate(
	sql: SqlExecutor,
	token: string | undefined,
	now: Date
): Promise<Caller> {
	if (!token) {
		throw new UnauthorizedError(
			'Sign in first: this needs an Authorization: Bearer <token> header.'
		);
	}
	const caller = await findSession(sql, hashSecret(token), now);
	if (!caller) {
		throw new UnauthorizedError(
			'This token is not valid (it expired or was revoked); sign in again.'
		);
	}
	return caller;
}

/** The live session with this token hash, or undefined. */
export async function findSession(
	sql: SqlExecutor,
	tokenHash: string,
	now: Date
): Promise<Caller | undefined> {
	const [row] = await sql.query<{ user_id: string; workspace_id: string }>(
		`SELECT s.user_id, s.workspace_id FROM sessions s
		JOIN users u ON u.id = s.user_id AND u.workspace_id = s.workspace_id
		WHERE s.token_hash = $1::text AND s.expires_at > $2::timestamptz`,
		[tokenHash, now.toISOString()]
	);
	return row && { userId: row.user_id, workspaceId: row.workspace_id, tokenHash };
}

export async function revokeSession(sql: SqlExecutor, tokenHash: string): Promise<void> {
	await sql.query(`DELETE FROM sessions WHERE token_hash = $1::text`, [tokenHash]);
}

/** Expired sessions are dead weight; deleting them at sign-in keeps the table small without a job. */
export async function deleteExpiredSessions(sql: SqlExecutor, now: Date): Promise<void> {
	await sql.query(`DELETE FROM sessions WHERE expires_at <= $1::timestamptz`, [now.toISOString()]);
}
