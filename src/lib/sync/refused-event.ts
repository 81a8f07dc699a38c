import { EventTooLargeError } from '../errors';
import { jsonByteLength, MAX_EVENT_BYTES } from '../protocol/limits';
import type { PushBatch } from './push-batch';
import { isSyncHttpError } from './sync-errors';

/**
 * The pending event a push's refusal says the server will never take, with the reason, or
 * undefined. A 422 names it; so does a 413 for one event over the event limit. A 413 without a
 * name, for a batch of one event that is itself over the limit (old data, too big for any
 * body), is about that event. Any other 413 (a proxy with a smaller limit, say) is not the
 * event's fault: it is left pending.
 */
export function refusedEvent(
	error: unknown,
	batch: PushBatch
): { eventId: string; reason: string } | undefined {
	if (!isSyncHttpError(error, 422) && !isSyncHttpError(error, 413)) return undefined;
	const named = (error.body as { eventId?: unknown } | undefined)?.eventId;
	if (typeof named === 'string') return { eventId: named, reason: error.message };
	const [only, ...rest] = batch.events;
	if (error.status !== 413 || !only || rest.length > 0) return undefined;
	const bytes = jsonByteLength(only);
	if (bytes <= MAX_EVENT_BYTES) return undefined;
	return {
		eventId: only.eventId,
		reason: new EventTooLargeError(only.eventId, bytes, MAX_EVENT_BYTES).message
	};
}
