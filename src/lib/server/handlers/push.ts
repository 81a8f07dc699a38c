import { isRewindError } from '../../errors';
import { confirmCaller, requireWriter } from '../auth';
import { appendEvents } from '../event-log';
import { jsonResponse } from '../http/json-response';
import { readJsonBody } from '../http/read-json-body';
import type { Handler } from '../server-context';
import { checkPush } from './check-push';

/**
 * `POST /api/sync/push` → 200 `{accepted, head}`; 409 with every conflicting stream; 422 for
 * an event refused on its own; 403 for a viewer; all or nothing. One log line per push says who pushed what.
 */
export const handlePush: Handler = async (context, request) => {
	const caller = await context.authorize(request);
	requireWriter(caller);
	const push = checkPush(
		await readJsonBody(request, { tooLargeAdvice: 'push fewer events at a time' }),
		context.registry,
		context.streams
	);
	const started = performance.now();
	const who = `workspace=${caller.workspaceId} user=${caller.userId} device=${JSON.stringify(push.deviceId)} events=${push.events.length}`;
	try {
		const outcome = await appendEvents(context.db, {
			workspaceId: caller.workspaceId,
			userId: caller.userId,
			deviceId: push.deviceId,
			events: push.events,
			eventJson: push.eventJson,
			recordedAt: context.now().toISOString(),
			sealedBy: context.sealedBy,
			confirm: async (tx) => requireWriter(await confirmCaller(tx, caller, context.now()))
		});
		const ms = (performance.now() - started).toFixed(1);
		context.logger.info(`push ${who} new=${outcome.appended} head=${outcome.head} ${ms}ms`);
		return jsonResponse({ accepted: outcome.accepted, head: outcome.head });
	} catch (error) {
		if (isRewindError(error)) context.logger.info(`push refused ${who}: ${error.code}`);
		throw error;
	}
};
