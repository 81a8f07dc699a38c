import { findSession } from '../auth';
import { readHead } from '../event-log';
import type { Handler } from '../server-context';

/**
 * `GET /api/sync/live` → Server-Sent Events of the workspace's head, while the session lasts;
 * `HEAD` → the same status and headers, and no stream.
 */
export const handleLive: Handler = async (context, request) => {
	const caller = await context.authorize(request);
	// HEAD answers at once, without a stream that would wait for a reader that never comes.
	if (request.method === 'HEAD') return context.live.headers();
	return context.live.open({
		workspaceId: caller.workspaceId,
		userId: caller.userId,
		sessionKey: caller.tokenHash,
		readHead: () => readHead(context.db, caller.workspaceId),
		// Checked when this person's sessions are revoked (and at each heartbeat, for expiry).
		stillValid: async () =>
			(await findSession(context.db, caller.tokenHash, context.now())) !== undefined
	});
};
