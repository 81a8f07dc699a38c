import { revokeSessions } from '../auth';
import { readOptionalJsonBody } from '../http/read-optional-json-body';
import type { Handler } from '../server-context';

/** `POST /api/auth/logout` → 204: the token is revoked at once, everywhere (then 401 `revoked`). */
export const handleLogout: Handler = async (context, request) => {
	const caller = await context.authorize(request);
	await readOptionalJsonBody(request);
	await revokeSessions(context.db, caller.userId, 'revoked', context.now(), {
		only: caller.sessionId
	});
	context.sessions.forget(caller.userId);
	return new Response(null, { status: 204 });
};
