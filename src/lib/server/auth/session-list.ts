import type { SessionInfo } from '../../protocol';
import type { SqlExecutor } from '../db/database';
import { toIsoTime } from '../event-log/event-row';
import { NotFoundError } from '../errors';
import { revokeSessions, type Caller } from './sessions';

/** The caller's own live sessions, the most recently used first; never anyone else's. */
export async function listSessions(
	sql: SqlExecutor,
	caller: Caller,
	now: Date
): Promise<SessionInfo[]> {
	const rows = await sql.query<{
		id: string;
		device: string | null;
		created_at: Date | string;
		last_used_at: Date | string;
	}>(
		`SELECT id, device, created_at, last_used_at FROM sessions
		WHERE user_id = $1::text AND revoked_at IS NULL AND expires_at > $2::timestamptz
		ORDER BY last_used_at DESC, created_at DESC, id`,
		[caller.userId, now.toISOString()]
	);
	return rows.map((row) => ({
		sessionId: row.id,
		device: row.device,
		createdAt: toIsoTime(row.created_at),
		lastUsedAt: toIsoTime(row.last_used_at),
		current: row.id === caller.sessionId
	}));
}

/** Signs out one of the caller's live sessions (this one too, like logout); 404 for any other id. */
export async function revokeOwnSession(
	sql: SqlExecutor,
	caller: Caller,
	sessionId: string,
	now: Date
): Promise<void> {
	const revoked = await revokeSessions(sql, caller.userId, 'revoked', now, { only: sessionId });
	if (revoked === 0) {
		throw new NotFoundError(`You have no live session with the id ${sessionId}.`);
	}
}
