import type { LoginRequest, SessionResponse } from '../../protocol';
import type { Database } from '../db/database';
import { UnauthorizedError } from '../errors';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { createSession, deleteExpiredSessions } from './sessions';

/** A new session for the user; one message for every failure, so names cannot be probed. */
export async function login(
	db: Database,
	request: LoginRequest,
	options: { now: Date; sessionExpiresAt: Date }
): Promise<SessionResponse> {
	const [user] = await db.query<{ id: string; workspace_id: string; password_hash: string }>(
		`SELECT u.id, u.workspace_id, u.password_hash FROM users u
		JOIN workspaces w ON w.id = u.workspace_id
		WHERE lower(w.name) = lower($1::text) AND lower(u.name) = lower($2::text)`,
		[request.workspace, request.name]
	);
	const valid = await verifyPassword(
		request.password,
		user?.password_hash ?? (await dummyPasswordHash())
	);
	if (!user || !valid) {
		throw new UnauthorizedError('The workspace, name or password is wrong.');
	}
	await deleteExpiredSessions(db, options.now);
	return createSession(db, user.id, user.workspace_id, options.sessionExpiresAt);
}
