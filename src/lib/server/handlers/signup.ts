import { signupRequestSchema } from '../../protocol';
import { signup } from '../auth';
import { invalidRequest } from '../http/invalid-request';
import { jsonResponse } from '../http/json-response';
import { readJsonBody } from '../http/read-json-body';
import type { Handler } from '../server-context';

/** `POST /api/auth/signup` → 201 `{token, userId, workspaceId}`. */
export const handleSignup: Handler = async (context, request) => {
	const parsed = signupRequestSchema.safeParse(await readJsonBody(request));
	if (!parsed.success) throw invalidRequest('The signup', parsed.error);
	const now = context.now();
	const session = await signup(context.db, parsed.data, {
		now,
		sessionExpiresAt: new Date(now.getTime() + context.sessionTtlMs)
	});
	context.logger.info(
		`signup workspace=${session.workspaceId} user=${session.userId} ${parsed.data.invite ? 'joined by invite' : 'created the workspace'}`
	);
	return jsonResponse(session, 201);
};
