import type { EventStore } from '../eventstore';
import type { CommandRebaser } from './command-rebaser';
import { MAX_PUSH_EVENTS } from '../protocol/limits';
import { withPushLock } from './push-lock';
import type { SyncSession } from './session';
import type { SyncApi } from './sync-api';
import { loadSyncCode } from './sync-errors';

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
	/** Halved after a 413, back to the most once a push is accepted; kept between pushes. */
	readonly #size = { batch: MAX_PUSH_EVENTS };

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
		return withPushLock(this.#lock, async () => {
			// A first visit signed out pushes nothing: the batches' code comes with the first push.
			const { pushBatches } = await loadSyncCode(() => import('./push-batches'));
			return pushBatches(this.#options, session, this.#size);
		});
	}

	/** Runs `work` once no push is under way in any tab, and keeps pushes out meanwhile. */
	withoutPush<T>(work: () => Promise<T>): Promise<T> {
		return withPushLock(this.#lock, work);
	}
}
