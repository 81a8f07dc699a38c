import type { PushBatch } from './push-batch';
import { isSyncHttpError } from './sync-errors';

/**
 * The pending event a push's refusal says the server will never take, with the server's reason,
 * or undefined. A 422 names it. A 413 names it when it alone is over the event limit; a 413
 * without a name for a batch of one event is about that event: too big for any body.
 */
export function refusedEvent(
	error: unknown,
	batch: PushBatch
): { eventId: string; reason: string } | undefined {
	if (!isSyncHttpError(error, 422) && !isSyncHttpError(error, 413)) return undefined;
	const named = (error.body as { eventId?: unknown } | undefined)?.eventId;
	if (typeof named === 'string') return { eventId: named, reason: error.message };
	const [only, ...rest] = batch.events;
	if (error.status === 413 && only && rest.length === 0) {
		return { eventId: only.eventId, reason: error.message };
	}
	return undefined;
}
