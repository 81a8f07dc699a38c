import { decodeRevoked, REVOKE_CHANNEL, type SessionCache } from '../auth';
import type { Database } from '../db/database';
import type { LiveStreams } from './live-streams';

/**
 * Hears the database's notices of changed access (removal, role change, password change, a
 * session signed out): this process forgets the sessions it cached for that person, and their
 * live streams check their sessions at once, instead of at the next heartbeat. On PostgreSQL it
 * hears every server process's changes.
 */
export async function listenForRevocations(
	db: Database,
	live: LiveStreams,
	sessions: SessionCache
): Promise<() => Promise<void>> {
	return db.listen(
		REVOKE_CHANNEL,
		(payload) => {
			const userId = decodeRevoked(payload);
			if (userId === undefined) return;
			sessions.forget(userId);
			live.recheck(userId);
		},
		// Notices sent while the connection was down are lost: forget every cached session, and
		// every stream checks its session.
		() => {
			sessions.clear();
			live.recheck();
		}
	);
}
