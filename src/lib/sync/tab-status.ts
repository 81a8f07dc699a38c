import { get, writable, type Readable } from 'svelte/store';
import { INITIAL_STATUS, type SyncStatus } from './sync-status';

/** What one tab tells the others: the leader's view of the network, or "read the session again". */
type TabMessage = Partial<SyncStatus> | 'session' | 'hello';

export interface TabStatusOptions {
	/** The log's name: only tabs of the same log hear each other. */
	log: string;
	/** Whether this tab leads: only the leader answers a new tab's hello. */
	leading: () => boolean;
	/** Another tab signed in, out or changed the session: read it again. */
	sessionChanged: () => void;
}

/**
 * The sync status every tab shows. The leading tab runs the rounds and tells the others how
 * they go over a `BroadcastChannel`; counts each tab reads for itself (`local-status.ts`).
 */
export class TabStatus {
	readonly #status = writable<SyncStatus>({ ...INITIAL_STATUS });
	readonly #options: TabStatusOptions;
	#channel: BroadcastChannel | undefined;

	readonly status: Readable<SyncStatus> = { subscribe: this.#status.subscribe };

	constructor(options: TabStatusOptions) {
		this.#options = options;
		if (typeof BroadcastChannel !== 'undefined') {
			this.#channel = new BroadcastChannel(`rewind-sync:${options.log}`);
			this.#channel.onmessage = (message: MessageEvent<TabMessage>) => this.#heard(message.data);
		}
	}

	/** A change in how rounds go: shown here and in every other tab. */
	set(change: Partial<SyncStatus>): void {
		this.#status.update((status) => ({ ...status, ...change }));
		this.#channel?.postMessage(change);
	}

	/** A change only this tab shows: what it read for itself. */
	merge(change: Partial<SyncStatus>): void {
		this.#status.update((status) => ({ ...status, ...change }));
	}

	/** A tab that opens later learns the leader's view of the network from the leader. */
	hello(): void {
		this.#channel?.postMessage('hello' satisfies TabMessage);
	}

	announceSession(): void {
		this.#channel?.postMessage('session' satisfies TabMessage);
	}

	/** A round still under way finishes quietly: no other tab hears from this one any more. */
	close(): void {
		this.#channel?.close();
		this.#channel = undefined;
	}

	#heard(message: TabMessage): void {
		if (message === 'hello') {
			if (this.#options.leading()) this.#channel?.postMessage(this.#networkView());
			return;
		}
		if (message === 'session') return this.#options.sessionChanged();
		this.merge(message);
	}

	/** What only the leading tab knows: how its rounds go. */
	#networkView(): Partial<SyncStatus> {
		const { online, syncing, catchUp, lastError } = get(this.#status);
		return { online, syncing, catchUp, lastError };
	}
}
