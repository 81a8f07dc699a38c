import { loginRequestSchema } from '../../protocol';
import { login } from '../auth';
import { UnauthorizedError } from '../errors';
import { invalidRequest } from '../http/invalid-request';
import { jsonResponse } from '../http/json-response';
import { readJsonBody } from '../http/read-json-body';
import type { LoginAttempt } from '../throttle/login-throttle';
import type { Handler } from '../server-context';

/**
 * `POST /api/auth/login` → 200 `{token, userId, workspaceId}`, 401 on wrong credentials, 429
 * `rate_limited` with `Retry-After` while this account or address must wait (before any scrypt).
 */
export const handleLogin: Handler = async (context, request, { client }) => {
	const parsed = loginRequestSchema.safeParse(await readJsonBody(request));
	if (!parsed.success) throw invalidRequest('The login', parsed.error);
	const now = context.now();
	const throttle = context.throttles.login;
	const attempt: LoginAttempt = {
		workspace: parsed.data.workspace,
		name: parsed.data.name,
		...(client.clientAddress !== undefined && { address: client.clientAddress })
	};
	await throttle?.begin(attempt, now.getTime());
	let session;
	try {
		session = await login(context.db, parsed.data, {
			now,
			sessionExpiresAt: new Date(now.getTime() + context.sessionTtlMs)
		});
	} catch (error) {
		// Only a wrong password counts; anything else (the database failing) gives the try back.
		if (!(error instanceof UnauthorizedError)) await throttle?.abandoned(attempt).catch(() => {});
		throw error;
	}
	// The person is in: a failure to clear their count must not turn that into an error.
	await throttle?.succeeded(attempt, now.getTime()).catch((error: unknown) => {
		context.logger.warn(`login: could not clear the sign-in count: ${String(error)}`);
	});
	return jsonResponse(session, 200);
};
