import { changeRoleRequestSchema } from '../../protocol';
import { changeRole, requireOwner } from '../auth';
import { invalidRequest } from '../http/invalid-request';
import { jsonResponse } from '../http/json-response';
import { readJsonBody } from '../http/read-json-body';
import type { Handler } from '../server-context';

/**
 * `PATCH /api/workspace/members/:userId {role}` → 200 `Member`. Owners only (403); 404 for
 * anyone not in the caller's workspace; 409 `last_owner` when no owner would be left.
 */
export const handleChangeRole: Handler = async (context, request, { params }) => {
	const caller = await context.authorize(request);
	requireOwner(caller, 'change roles');
	const parsed = changeRoleRequestSchema.safeParse(await readJsonBody(request));
	if (!parsed.success) throw invalidRequest('The role change', parsed.error);
	const member = await changeRole(context.db, caller, params.userId ?? '', parsed.data.role);
	context.sessions.forget(member.userId);
	context.logger.info(
		`role workspace=${caller.workspaceId} by=${caller.userId} user=${member.userId} role=${member.role}`
	);
	return jsonResponse(member);
};
