import { listMembers } from '../auth';
import { jsonResponse } from '../http/json-response';
import type { Handler } from '../server-context';

/** `GET /api/workspace/members` → 200 `{workspace, you, members}` of the caller's workspace. Any role. */
export const handleListMembers: Handler = async (context, request) => {
	const caller = await context.authorize(request);
	return jsonResponse(await listMembers(context.db, caller));
};
