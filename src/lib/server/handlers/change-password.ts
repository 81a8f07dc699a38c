import { changePasswordRequestSchema } from '../../protocol';
import { changePassword } from '../auth';
import { invalidRequest } from '../http/invalid-request';
import { jsonResponse } from '../http/json-response';
import { readJsonBody } from '../http/read-json-body';
import type { Handler } from '../server-context';

/**
 * `POST /api/auth/password {currentPassword, newPassword}` → 200 `{revokedSessions}`: every
 * other session of the caller ends; this one stays. 401 for a wrong current password.
 */
export const handleChangePassword: Handler = async (context, request) => {
	const caller = await context.authorize(request);
	const parsed = changePasswordRequestSchema.safeParse(await readJsonBody(request));
	if (!parsed.success) throw invalidRequest('The password change', parsed.error);
	const revokedSessions = await changePassword(context.db, caller, parsed.data, context.now());
	context.sessions.forget(caller.userId);
	context.logger.info(
		`password workspace=${caller.workspaceId} user=${caller.userId} revoked=${revokedSessions}`
	);
	return jsonResponse({ revokedSessions });
};
