import type { LoginRequest, Role, SessionResponse } from '../../protocol';
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
	const [user] = await db.query<{
		id: string;
		workspace_id: string;
		password_hash: string;
		role: Role;
		removed: boolean;
	}>(
		`SELECT u.id, u.workspace_id, u.password_hash, u.role, u.removed_at IS NOT NULL AS removed
		FROM users u JOIN workspaces w ON w.id = u.workspace_id
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
	// Said only to someone who knows the password: it tells them nothing they could not guess.
	if (user.removed) {
		throw new UnauthorizedError(
			'An owner removed you from this workspace; ask an owner if this is a mistake.',
			'removed'
		);
	}
	await deleteExpiredSessions(db, options.now);
	return createSession(db, {
		userId: user.id,
		workspaceId: user.workspace_id,
		role: user.role,
		device: request.device,
		now: options.now,
		expiresAt: options.sessionExpiresAt
	});
}
