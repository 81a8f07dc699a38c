import { redeliverRequestSchema } from '../../protocol';
import { requireOwner } from '../auth';
import { invalidRequest } from '../http/invalid-request';
import { jsonResponse } from '../http/json-response';
import { readOptionalJsonBody } from '../http/read-optional-json-body';
import type { Handler } from '../server-context';
import { queueRedelivery } from '../webhooks';

/**
 * `POST /api/workspace/webhooks/:webhookId/redeliver {position?}` → 202 `{queued}`: the dead
 * letter at `position`, or every one, gets one more attempt soon. Acknowledged, it leaves the
 * list; failed, it stays with its attempts counted. Owners only (403); 404 for an unknown
 * webhook or a position that is not a dead letter.
 */
export const handleRedeliver: Handler = async (context, request, { params }) => {
	const caller = await context.authorize(request);
	requireOwner(caller, 'redeliver webhooks');
	const parsed = redeliverRequestSchema.safeParse((await readOptionalJsonBody(request)) ?? {});
	if (!parsed.success) throw invalidRequest('The redelivery', parsed.error);
	const webhookId = params.webhookId ?? '';
	const queued = await queueRedelivery(
		context.db,
		caller.workspaceId,
		webhookId,
		parsed.data.position
	);
	context.webhooks.wake(webhookId, caller.workspaceId);
	return jsonResponse({ queued }, 202);
};
