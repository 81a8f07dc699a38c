import type { EventStore } from '../eventstore';
import type { AcceptedEvent } from '../protocol';
import { MAX_PUSH_EVENTS } from '../protocol/limits';
import type { PushAllOptions } from './push-all';
import { markAccepted, pendingBatch, type PushBatch } from './push-batch';
import { quarantine } from './quarantine';
import { refusedEvent } from './refused-event';
import type { SyncSession } from './session';
import { isSyncHttpError } from './sync-errors';

/**
 * Pushes until nothing is pending, a batch of at most `size.batch` at a time; false when the
 * server had moved on (pull again first). While a batch is on the wire, the next one is read
 * (the events after it, which its answer does not change), then the batch before is
 * acknowledged: only the wire is waited for. `Pusher.pushAll` runs it under the push lock.
 */
export async function pushBatches(
	options: PushAllOptions,
	session: SyncSession,
	size: { batch: number }
): Promise<boolean> {
	const { store, api, rebaser, deviceId, now } = options;
	const read = (afterSeq: number) => nextBatch(store, size.batch, afterSeq);
	let marking: Promise<void> = Promise.resolve();
	// The acknowledgement of the batch answered last, not yet begun.
	let answered: (() => Promise<void>) | undefined;
	const acknowledge = (after: Promise<unknown>) => {
		const mark = answered;
		if (!mark) return;
		answered = undefined;
		// After the read: IndexedDB would otherwise queue the read behind the writes. The next
		// push does not wait for it; acknowledgements still begin, and commit, in batch order.
		const marked = after.then(mark, mark);
		marking = Promise.all([marking, marked]).then(() => undefined);
		// Awaited at the end, or when a push fails; a failure surfaces there.
		marking.catch(() => undefined);
	};
	let batch = await read(0);
	for (;;) {
		if (batch.events.length === 0) {
			acknowledge(Promise.resolve());
			await marking;
			// Once more from the start: every read but the first began after the batch before it.
			batch = await read(0);
			if (batch.events.length === 0) return true;
		}
		const current = batch;
		const pushing = api.push(session.token, deviceId, current.events, current.json);
		const next = read(current.records.at(-1)!.seq);
		// Used once the push is answered; if it is refused, the read is not used.
		next.catch(() => undefined);
		acknowledge(next);
		let accepted: AcceptedEvent[];
		try {
			({ accepted } = await pushing);
		} catch (error) {
			await marking;
			if (isSyncHttpError(error, 409)) return false;
			const refused = refusedEvent(error, current);
			if (refused) {
				// Never accepted, however it is sent: to the inbox, so the rest of the outbox goes on.
				const { eventId, reason } = refused;
				await quarantine(store, eventId, reason, rebaser, now);
				batch = await read(0);
				continue;
			}
			if (isSyncHttpError(error, 413)) {
				size.batch = Math.max(1, Math.floor(current.events.length / 2));
				batch = await read(0);
				continue;
			}
			throw error;
		}
		size.batch = MAX_PUSH_EVENTS;
		batch = await next;
		answered = () => markAccepted(store, current, accepted, session.userId);
	}
}

/** The next batch after `afterSeq`, leaving out the streams the conflict inbox holds. */
async function nextBatch(store: EventStore, limit: number, afterSeq: number): Promise<PushBatch> {
	const held = await store.sync.heldStreams();
	return pendingBatch(store, { limit, held, afterSeq });
}
