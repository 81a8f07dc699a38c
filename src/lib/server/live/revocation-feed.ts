import { decodeRevoked, REVOKE_CHANNEL } from '../auth';
import type { Database } from '../db/database';
import type { LiveStreams } from './live-streams';

/**
 * Hears the database's revocation notices (removal, password change, a session signed out) and
 * has this process's live streams of that person check their sessions at once, instead of at
 * the next heartbeat. On PostgreSQL it hears every server process's revocations.
 */
export async function listenForRevocations(
	db: Database,
	live: LiveStreams
): Promise<() => Promise<void>> {
	return db.listen(
		REVOKE_CHANNEL,
		(payload) => {
			const userId = decodeRevoked(payload);
			if (userId !== undefined) live.recheck(userId);
		},
		// Notices sent while the connection was down are lost: every stream checks its session.
		() => live.recheck()
	);
}
