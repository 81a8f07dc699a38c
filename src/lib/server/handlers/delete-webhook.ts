import { requireOwner } from '../auth';
import { jsonResponse } from '../http/json-response';
import type { Handler } from '../server-context';
import { deleteWebhook } from '../webhooks';

/**
 * `DELETE /api/workspace/webhooks/:webhookId` → 200 the webhook as it was, its dead letters
 * gone with it. Owners only (403); 404 when the workspace has no such webhook.
 */
export const handleDeleteWebhook: Handler = async (context, request, { params }) => {
	const caller = await context.authorize(request);
	requireOwner(caller, 'delete webhooks');
	const webhook = await deleteWebhook(context.db, caller.workspaceId, params.webhookId ?? '');
	context.logger.info(
		`webhook deleted workspace=${caller.workspaceId} by=${caller.userId} id=${webhook.webhookId}`
	);
	return jsonResponse(webhook);
};
