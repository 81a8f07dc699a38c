import { removeMember, requireOwner } from '../auth';
import { jsonResponse } from '../http/json-response';
import { readOptionalJsonBody } from '../http/read-optional-json-body';
import type { Handler } from '../server-context';

/**
 * `DELETE /api/workspace/members/:userId` → 200 `Member` with `removedAt`: their tokens stop
 * working and their live streams close, on every server process. Owners only (403); 404 for
 * anyone not in the caller's workspace; 409 `last_owner`. Removing twice answers the same.
 */
export const handleRemoveMember: Handler = async (context, request, { params }) => {
	const caller = await context.authorize(request);
	requireOwner(caller, 'remove people');
	await readOptionalJsonBody(request);
	const member = await removeMember(context.db, caller, params.userId ?? '', context.now());
	context.sessions.forget(member.userId);
	context.logger.info(
		`removed workspace=${caller.workspaceId} by=${caller.userId} user=${member.userId}`
	);
	return jsonResponse(member);
};
