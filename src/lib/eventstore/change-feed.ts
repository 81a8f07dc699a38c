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
	/** Commits told here and not yet posted to the other tabs, in order. */
	#outgoing: Omit<LogChange, 'source' | 'events'>[] = [];
	#closed = false;

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
		if (!this.#channel || this.#closed) return;
		// Posted in a task of its own, off the command's way to the screen: cloning and sending
		// the message cost each command 0.1 ms there (bench case 2). Other tabs read the log
		// when told, so a task later changes nothing of what they fold.
		if (this.#outgoing.length === 0) setTimeout(() => this.#post(), 0);
		this.#outgoing.push({ streamIds, rewritten });
	}

	close(): void {
		this.#post();
		this.#closed = true;
		this.#channel?.close();
		this.#listeners.clear();
	}

	#post(): void {
		const outgoing = this.#outgoing;
		this.#outgoing = [];
		for (const change of outgoing) this.#channel?.postMessage(change);
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
