/** What changed in the log, told to subscribers after the transaction committed. */
export interface LogChange {
	streamIds: string[];
	/** `local` for this store instance, `other-tab` for another one on the same database. */
	source: 'local' | 'other-tab';
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
			this.#channel.onmessage = (message: MessageEvent<{ streamIds: string[] }>) =>
				this.#emit({ streamIds: message.data.streamIds, source: 'other-tab' });
		}
	}

	subscribe(listener: LogListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	committed(streamIds: string[]): void {
		this.#emit({ streamIds, source: 'local' });
		this.#channel?.postMessage({ streamIds });
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
