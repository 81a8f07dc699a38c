import { signupRequestSchema } from '../../protocol';
import { signup } from '../auth';
import { invalidRequest } from '../http/invalid-request';
import { jsonResponse } from '../http/json-response';
import { readJsonBody } from '../http/read-json-body';
import { throttleKey } from '../throttle/throttle-key';
import type { Handler } from '../server-context';

/**
 * `POST /api/auth/signup` → 201 `{token, userId, workspaceId}`; 429 `rate_limited` with
 * `Retry-After` once this address has made its sign-ups for now (before any scrypt).
 */
export const handleSignup: Handler = async (context, request, { client }) => {
	// Before the body is read: an address past its sign-ups gets nothing else done for it.
	const now = context.now();
	if (client.clientAddress !== undefined) {
		await context.throttles.signup?.take(
			throttleKey('signup', client.clientAddress),
			now.getTime()
		);
	}
	const parsed = signupRequestSchema.safeParse(await readJsonBody(request));
	if (!parsed.success) throw invalidRequest('The signup', parsed.error);
	const session = await signup(context.db, parsed.data, {
		now,
		sessionExpiresAt: new Date(now.getTime() + context.sessionTtlMs)
	});
	context.logger.info(
		`signup workspace=${session.workspaceId} user=${session.userId} ${parsed.data.invite ? 'joined by invite' : 'created the workspace'}`
	);
	return jsonResponse(session, 201);
};
