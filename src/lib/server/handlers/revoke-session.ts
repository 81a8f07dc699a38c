import { revokeOwnSession } from '../auth';
import { readOptionalJsonBody } from '../http/read-optional-json-body';
import type { Handler } from '../server-context';

/**
 * `DELETE /api/auth/sessions/:sessionId` → 204: that session of the caller's is signed out and
 * its live streams close. 404 for an id that is not one of the caller's live sessions.
 */
export const handleRevokeSession: Handler = async (context, request, { params }) => {
	const caller = await context.authorize(request);
	await readOptionalJsonBody(request);
	await revokeOwnSession(context.db, caller, params.sessionId ?? '', context.now());
	context.sessions.forget(caller.userId);
	return new Response(null, { status: 204 });
};
