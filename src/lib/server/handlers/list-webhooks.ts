import { requireOwner } from '../auth';
import { jsonResponse } from '../http/json-response';
import type { Handler } from '../server-context';
import { listWebhooks } from '../webhooks';

/** `GET /api/workspace/webhooks` → 200 `{webhooks}` (never their secrets). Owners only (403). */
export const handleListWebhooks: Handler = async (context, request) => {
	const caller = await context.authorize(request);
	requireOwner(caller, 'see webhooks');
	return jsonResponse({ webhooks: await listWebhooks(context.db, caller.workspaceId) });
};
