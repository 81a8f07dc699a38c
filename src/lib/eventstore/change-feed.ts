import type { ReadEvent } from '../events';

/** What changed in the log, told to subscribers after the transaction committed. */
export interface LogChange {
	streamIds: string[];
	/** True when events were removed or replaced, not only added: folds of these streams are stale. */
	rewritten: boolean;
	/** `local` for this store instance, `other-tab` for another one on the same database. */
	source: 'local' | 'other-tab';
	/**
	 * For an append or a pulled page that only added, in this tab: the events it stored, in seq
	 * order, so a listener can use them without reading them back. Never sent to other tabs,
	 * which read the log themselves.
	 */
	events?: readonly ReadEvent[];
}

export type LogListener = (change: LogChange) => void;

/**
 * Tells listeners about commits, in this tab and in every other tab of the same database.
 * A BroadcastChannel message never reaches its own sender, so a commit is told once per tab.
 */
export class ChangeFeed {
	readonly #listeners = new Set<LogListener>();
	readonly #channel: BroadcastChannel | undefined;

	constructor(databaseName: string) {
		if (typeof BroadcastChannel !== 'undefined') {
			this.#channel = new BroadcastChannel(`rewind:${databaseName}`);
			this.#channel.onmessage = (message: MessageEvent<Omit<LogChange, 'source'>>) =>
				this.#emit({ ...message.data, source: 'other-tab' });
		}
	}

	subscribe(listener: LogListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	committed(streamIds: string[], rewritten = false, events?: readonly ReadEvent[]): void {
		this.#emit({ streamIds, rewritten, source: 'local', ...(events ? { events } : {}) });
		this.#channel?.postMessage({ streamIds, rewritten });
	}

	close(): void {
		this.#channel?.close();
		this.#listeners.clear();
	}

	#emit(change: LogChange): void {
		for (const listener of this.#listeners) {
			try {
				listener(change);
			} catch (error) {
				// One broken listener must not keep the others from hearing about the commit.
				console.error('A log listener failed', error);
			}
		}
	}
}
