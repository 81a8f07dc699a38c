import { loginRequestSchema } from '../../protocol';
import { login } from '../auth';
import { invalidRequest } from '../http/invalid-request';
import { jsonResponse } from '../http/json-response';
import { readJsonBody } from '../http/read-json-body';
import type { Handler } from '../server-context';

/** `POST /api/auth/login` → 200 `{token, userId, workspaceId}`, 401 on wrong credentials. */
export const handleLogin: Handler = async (context, request) => {
	const parsed = loginRequestSchema.safeParse(await readJsonBody(request));
	if (!parsed.success) throw invalidRequest('The login', parsed.error);
	const now = context.now();
	const session = await login(context.db, parsed.data, {
		now,
		sessionExpiresAt: new Date(now.getTime() + context.sessionTtlMs)
	});
	return jsonResponse(session, 200);
};
