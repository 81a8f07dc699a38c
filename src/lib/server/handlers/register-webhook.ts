import { ALL_EVENT_TYPES, registerWebhookRequestSchema } from '../../protocol';
import { actAsCaller, requireOwner } from '../auth';
import { WebhookRefusedError } from '../errors';
import { readHead } from '../event-log';
import { invalidRequest } from '../http/invalid-request';
import { jsonResponse } from '../http/json-response';
import { readJsonBody } from '../http/read-json-body';
import type { Handler } from '../server-context';
import { checkDestination, insertWebhook, newWebhookSecret } from '../webhooks';

/**
 * `POST /api/workspace/webhooks {url, eventTypes, after?}` → 201 the webhook with its signing
 * `secret`, shown this once. Owners only (403); 422 `webhook_refused` for a URL it cannot
 * deliver to (not https, a private address) or an event type this server does not know.
 */
export const handleRegisterWebhook: Handler = async (context, request) => {
	const caller = await context.authorize(request);
	requireOwner(caller, 'register webhooks');
	const parsed = registerWebhookRequestSchema.safeParse(await readJsonBody(request));
	if (!parsed.success) throw invalidRequest('The webhook', parsed.error);
	const { url, eventTypes, after } = parsed.data;
	const unknown = eventTypes.filter(
		(type) => type !== ALL_EVENT_TYPES && !context.registry.knows(type)
	);
	if (unknown.length > 0) {
		throw new WebhookRefusedError(`This server knows no event type ${unknown.join(', ')}.`);
	}
	if (eventTypes.includes(ALL_EVENT_TYPES) && eventTypes.length > 1) {
		throw new WebhookRefusedError(`"${ALL_EVENT_TYPES}" means every type; list it alone.`);
	}
	const checked = await checkDestination(url, context.webhooks.settings);
	const secret = newWebhookSecret();
	// The body and the address check may take a while: the owner must still be one to register.
	const webhook = await actAsCaller(
		context.db,
		caller,
		context.now(),
		(current) => requireOwner(current, 'register webhooks'),
		async (tx) =>
			insertWebhook(tx, {
				webhookId: crypto.randomUUID(),
				workspaceId: caller.workspaceId,
				createdBy: caller.userId,
				url: checked.href,
				eventTypes,
				secret,
				after: after ?? (await readHead(tx, caller.workspaceId))
			})
	);
	context.webhooks.wake(webhook.webhookId, caller.workspaceId);
	context.logger.info(
		`webhook workspace=${caller.workspaceId} by=${caller.userId} id=${webhook.webhookId} host=${checked.host}`
	);
	return jsonResponse({ ...webhook, secret }, 201);
};
