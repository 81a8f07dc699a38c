import { listSessions } from '../auth';
import { jsonResponse } from '../http/json-response';
import type { Handler } from '../server-context';

/** `GET /api/auth/sessions` → 200 `{sessions}`: the caller's own live sessions only. */
export const handleListSessions: Handler = async (context, request) => {
	const caller = await context.authorize(request);
	return jsonResponse({ sessions: await listSessions(context.db, caller, context.now()) });
};
