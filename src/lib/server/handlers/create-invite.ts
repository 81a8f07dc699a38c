import { createInvite } from '../auth';
import { jsonResponse } from '../http/json-response';
import { readOptionalJsonBody } from '../http/read-optional-json-body';
import type { Handler } from '../server-context';

/** `POST /api/workspace/invites` → 201 `{code}`: a single-use code to join the caller's workspace. */
export const handleCreateInvite: Handler = async (context, request) => {
	const caller = await context.authorize(request);
	await readOptionalJsonBody(request);
	const expiresAt = new Date(context.now().getTime() + context.inviteTtlMs);
	const invite = await createInvite(context.db, caller, expiresAt);
	context.logger.info(`invite workspace=${caller.workspaceId} user=${caller.userId}`);
	return jsonResponse(invite, 201);
};
