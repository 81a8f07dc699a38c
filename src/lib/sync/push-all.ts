import type { EventStore } from '../eventstore';
import type { CommandRebaser } from './command-rebaser';
import type { AcceptedEvent } from '../protocol';
import { MAX_PUSH_EVENTS } from '../protocol/limits';
import type { PushBatch } from './push-batch';
import { withPushLock } from './push-lock';
import { refusedEvent } from './refused-event';
import type { SyncSession } from './session';
import type { SyncApi } from './sync-api';
import { isSyncHttpError } from './sync-errors';

const loadPushBatch = () => import('./push-batch');

export interface PushAllOptions {
	store: EventStore;
	api: SyncApi;
	/** Decides the rest of a stream's pending commands again when one is quarantined. */
	rebaser: CommandRebaser;
	deviceId: string;
	now: () => Date;
}

/**
 * Pushes the device's pending events in batches, one push of this log at a time in every tab.
 * A 409 (others wrote first) ends the push for a pull; an event the server will never take
 * (422, or 413 naming it) goes to the conflict inbox; a batch too big for the server (413)
 * is halved, and the batch size grows back once a push is accepted.
 */
export class Pusher {
	readonly #options: PushAllOptions;
	/** Held while events are on their way to the server; discards wait for it (`push-lock.ts`). */
	readonly #lock: string;
	#batchSize = MAX_PUSH_EVENTS;

	constructor(options: PushAllOptions) {
		this.#options = options;
		this.#lock = `rewind-push:${options.store.name}`;
	}

	/**
	 * Pushes until nothing is pending; false when the server had moved on (pull again first).
	 * While a batch is on the wire, the next one is read (the events after it, which its answer
	 * does not change), then the batch before is acknowledged: only the wire is waited for.
	 */
	pushAll(session: SyncSession): Promise<boolean> {
		return withPushLock(this.#lock, () => this.#pushBatches(session));
	}

	/** Runs `work` once no push is under way in any tab, and keeps pushes out meanwhile. */
	withoutPush<T>(work: () => Promise<T>): Promise<T> {
		return withPushLock(this.#lock, work);
	}

	async #pushBatches(session: SyncSession): Promise<boolean> {
		const { store, api, rebaser, deviceId, now } = this.#options;
		// A first visit signed out pushes nothing: the batches' code comes with the first push.
		const { markAccepted } = await loadPushBatch();
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
		let batch = await this.#pendingBatch(0);
		for (;;) {
			if (batch.events.length === 0) {
				acknowledge(Promise.resolve());
				await marking;
				// Once more from the start: every read but the first began after the batch before it.
				batch = await this.#pendingBatch(0);
				if (batch.events.length === 0) return true;
			}
			const current = batch;
			const pushing = api.push(session.token, deviceId, current.events, current.json);
			const next = this.#pendingBatch(current.records.at(-1)!.seq);
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
					const { quarantine } = await import('./quarantine');
					await quarantine(store, eventId, reason, rebaser, now);
					batch = await this.#pendingBatch(0);
					continue;
				}
				if (isSyncHttpError(error, 413)) {
					this.#batchSize = Math.max(1, Math.floor(current.events.length / 2));
					batch = await this.#pendingBatch(0);
					continue;
				}
				throw error;
			}
			this.#batchSize = MAX_PUSH_EVENTS;
			batch = await next;
			answered = () => markAccepted(store, current, accepted, session.userId);
		}
	}

	/** The next batch after `afterSeq`, leaving out the streams the conflict inbox holds. */
	async #pendingBatch(afterSeq: number): Promise<PushBatch> {
		const [held, { pendingBatch }] = await Promise.all([
			this.#options.store.sync.heldStreams(),
			loadPushBatch()
		]);
		return pendingBatch(this.#options.store, { limit: this.#batchSize, held, afterSeq });
	}
}
