import type { RevokeReason, Role, SessionResponse } from '../../protocol';
import type { SqlExecutor } from '../db/database';
import { UnauthorizedError } from '../errors';
import { notifyAccessChanged } from './revocations';
import { hashSecret, newToken } from './secrets';

/** Who is calling: every sync call is checked against this, never against what the body says. */
export interface Caller {
	userId: string;
	workspaceId: string;
	role: Role;
	/** The session's id: names it in the list of sessions without being able to use it. */
	sessionId: string;
	/** The hash of the bearer token, which names the session (for rate limits and logout). */
	tokenHash: string;
}

/** `lastUsedAt` is kept to about a minute: one write a minute per session, not one per request. */
export const LAST_USED_PRECISION_MS = 60_000;

export interface NewSession {
	userId: string;
	workspaceId: string;
	role: Role;
	device: string | undefined;
	now: Date;
	expiresAt: Date;
}

export async function createSession(
	sql: SqlExecutor,
	session: NewSession
): Promise<SessionResponse> {
	const token = newToken();
	await sql.query(
		`INSERT INTO sessions (token_hash, id, user_id, workspace_id, device, created_at, last_used_at, expires_at)
		VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::timestamptz, $6::timestamptz, $7::timestamptz)`,
		[
			hashSecret(token),
			crypto.randomUUID(),
			session.userId,
			session.workspaceId,
			session.device ?? null,
			session.now.toISOString(),
			session.expiresAt.toISOString()
		]
	);
	return { token, userId: session.userId, workspaceId: session.workspaceId, role: session.role };
}

const MESSAGES: Record<RevokeReason, string> = {
	removed: 'an owner removed you from this workspace; ask an owner if this is a mistake.',
	revoked: 'this session was signed out; sign in again.',
	password_changed: 'the password was changed on another device; sign in with the new one.',
	expired: 'this session expired; sign in again.'
};

/** A checked session: who calls, and until when the session lives (epoch ms). */
export interface AuthenticatedSession {
	caller: Caller;
	expiresAtMs: number;
}

/**
 * The caller a token belongs to; throws UnauthorizedError for a missing, unknown, revoked or
 * expired one, with the reason when the server still knows it.
 */
export async function authenticate(
	sql: SqlExecutor,
	token: string | undefined,
	now: Date
): Promise<Caller> {
	return (await authenticateSession(sql, token, now)).caller;
}

/** `authenticate`, with the session's expiry (for the session cache). */
export async function authenticateSession(
	sql: SqlExecutor,
	token: string | undefined,
	now: Date
): Promise<AuthenticatedSession> {
	if (!token) {
		throw new UnauthorizedError(
			'Sign in first: this needs an Authorization: Bearer <token> header.'
		);
	}
	const found = live(await lookUpSession(sql, hashSecret(token), now));
	if (found.staleUse) {
		// Compared in SQL: a request racing this one has written it already, and writes nothing.
		await sql.query(
			`UPDATE sessions SET last_used_at = $2::timestamptz
			WHERE token_hash = $1::text AND last_used_at < $2::timestamptz`,
			[found.caller.tokenHash, now.toISOString()]
		);
	}
	return { caller: found.caller, expiresAtMs: found.expiresAtMs };
}

/**
 * The caller's session and role as they are now, read inside the transaction that acts for them:
 * a request checked when it arrived cannot write after access was taken away while its body was
 * still on its way (seen at two minutes). The person's row is held (`FOR SHARE`) until the write
 * commits, so a removal, a role or a password change either commits first and is seen here, or
 * waits for the write to end. (Their session's row is read, not held: a removal writes the
 * person's row and then their sessions', and holding both here could deadlock with it. A
 * sign-out is seen when it committed before this read.) Throws as `authenticate` does; returns
 * the caller with the role they have now.
 */
export async function confirmCaller(sql: SqlExecutor, caller: Caller, now: Date): Promise<Caller> {
	return live(await lookUpSession(sql, caller.tokenHash, now, { hold: true })).caller;
}

type LiveSession = { caller: Caller; staleUse: boolean; expiresAtMs: number };
type LookUp = LiveSession | { reason: RevokeReason };

/** The session found, if it still works; else the 401 that says why. */
function live(found: LookUp | undefined): LiveSession {
	if (!found) {
		throw new UnauthorizedError(
			'This token is not valid (it expired or was revoked); sign in again.'
		);
	}
	if ('reason' in found) {
		throw new UnauthorizedError(
			`This token no longer works: ${MESSAGES[found.reason]}`,
			found.reason
		);
	}
	return found;
}

async function lookUpSession(
	sql: SqlExecutor,
	tokenHash: string,
	now: Date,
	{ hold = false }: { hold?: boolean } = {}
): Promise<LookUp | undefined> {
	const [row] = await sql.query<{
		id: string;
		user_id: string;
		workspace_id: string;
		role: Role;
		removed: boolean;
		expired: boolean;
		revoked_reason: RevokeReason | null;
		stale_use: boolean;
		expires_at: Date | string;
	}>(
		`SELECT s.id, s.user_id, s.workspace_id, u.role, u.removed_at IS NOT NULL AS removed,
			s.expires_at <= $2::timestamptz AS expired, s.revoked_reason,
			s.last_used_at < $3::timestamptz AS stale_use, s.expires_at
		FROM sessions s JOIN users u ON u.id = s.user_id AND u.workspace_id = s.workspace_id
		WHERE s.token_hash = $1::text${hold ? ' FOR SHARE OF u' : ''}`,
		[tokenHash, now.toISOString(), new Date(now.getTime() - LAST_USED_PRECISION_MS).toISOString()]
	);
	if (!row) return undefined;
	if (row.removed) return { reason: 'removed' };
	if (row.revoked_reason) return { reason: row.revoked_reason };
	if (row.expired) return { reason: 'expired' };
	return {
		caller: {
			userId: row.user_id,
			workspaceId: row.workspace_id,
			role: row.role,
			sessionId: row.id,
			tokenHash
		},
		staleUse: row.stale_use,
		expiresAtMs: new Date(row.expires_at).getTime()
	};
}

/** The live session with this token hash, or undefined (for a live stream's heartbeat). */
export async function findSession(
	sql: SqlExecutor,
	tokenHash: string,
	now: Date
): Promise<Caller | undefined> {
	const found = await lookUpSession(sql, tokenHash, now);
	return found && 'caller' in found ? found.caller : undefined;
}

/**
 * Revokes the live sessions of `userId` that `which` selects (one by id, or all but one, or
 * all) and tells every server process, so their live streams close. Returns how many ended.
 */
export async function revokeSessions(
	sql: SqlExecutor,
	userId: string,
	reason: Exclude<RevokeReason, 'expired'>,
	now: Date,
	which: { only?: string; except?: string } = {}
): Promise<number> {
	const revoked = await sql.query<{ id: string }>(
		`UPDATE sessions SET revoked_at = $2::timestamptz, revoked_reason = $3::text
		WHERE user_id = $1::text AND revoked_at IS NULL AND expires_at > $2::timestamptz
			AND ($4::text IS NULL OR id = $4::text) AND ($5::text IS NULL OR id <> $5::text)
		RETURNING id`,
		[userId, now.toISOString(), reason, which.only ?? null, which.except ?? null]
	);
	if (revoked.length > 0) await notifyAccessChanged(sql, userId);
	return revoked.length;
}

/** Rows of sessions past their expiry, revoked or not, are dead weight: deleted at sign-in, no job. */
export async function deleteExpiredSessions(sql: SqlExecutor, now: Date): Promise<void> {
	await sql.query(`DELETE FROM sessions WHERE expires_at <= $1::timestamptz`, [now.toISOString()]);
}
