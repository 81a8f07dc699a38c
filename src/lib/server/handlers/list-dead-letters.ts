import { requireOwner } from '../auth';
import { jsonResponse } from '../http/json-response';
import type { Handler } from '../server-context';
import { listDeadLetters } from '../webhooks';

/**
 * `GET /api/workspace/webhooks/:webhookId/dead-letters` → 200 `{deadLetters}` in position
 * order. Owners only (403); 404 when the workspace has no such webhook.
 */
export const handleListDeadLetters: Handler = async (context, request, { params }) => {
	const caller = await context.authorize(request);
	requireOwner(caller, 'see webhooks');
	const deadLetters = await listDeadLetters(context.db, caller.workspaceId, params.webhookId ?? '');
	return jsonResponse({ deadLetters });
};
