import { inviteRequestSchema } from '../../protocol';
import { actAsCaller, createInvite, requireOwner } from '../auth';
import { invalidRequest } from '../http/invalid-request';
import { jsonResponse } from '../http/json-response';
import { readOptionalJsonBody } from '../http/read-optional-json-body';
import type { Handler } from '../server-context';

/**
 * `POST /api/workspace/invites {role?}` → 201 `{code, role}`: a single-use code to join the
 * caller's workspace with `role` (default member). Owners only (403).
 */
export const handleCreateInvite: Handler = async (context, request) => {
	const caller = await context.authorize(request);
	requireOwner(caller, 'invite people');
	const parsed = inviteRequestSchema.safeParse((await readOptionalJsonBody(request)) ?? {});
	if (!parsed.success) throw invalidRequest('The invite', parsed.error);
	const expiresAt = new Date(context.now().getTime() + context.inviteTtlMs);
	// A code made by someone no longer an owner would let people in behind their removal.
	const invite = await actAsCaller(
		context.db,
		caller,
		context.now(),
		(current) => requireOwner(current, 'invite people'),
		(tx) => createInvite(tx, caller, parsed.data.role, expiresAt)
	);
	context.logger.info(
		`invite workspace=${caller.workspaceId} user=${caller.userId} role=${invite.role}`
	);
	return jsonResponse(invite, 201);
};
