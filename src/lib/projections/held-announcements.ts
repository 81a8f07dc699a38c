// A fixture for tests of several tabs on one database: a stand-in for BroadcastChannel that
// holds every message until the test delivers it, so the test decides when, in what order and
// how often each tab hears of another tab's commits. Not part of the library's public surface.

/** One message on its way to one tab. */
export interface HeldMessage {
	readonly to: HeldChannel;
	readonly data: unknown;
}

/** What the event store's change feed uses of a BroadcastChannel. */
export class HeldChannel {
	onmessage: ((message: { data: unknown }) => void) | null = null;

	constructor(
		readonly name: string,
		private readonly board: Switchboard
	) {
		board.opened(this);
	}

	postMessage(data: unknown): void {
		this.board.post(this, data);
	}

	close(): void {
		this.board.closed(this);
	}
}

/** Every channel opened while it is installed, and the messages between them. */
export class Switchboard {
	/** Posted, not yet delivered: in the order they were posted. */
	readonly held: HeldMessage[] = [];
	/** Delivered at least once: what a duplicate delivery repeats. */
	readonly delivered: HeldMessage[] = [];
	readonly #open = new Set<HeldChannel>();
	#lastOpened: HeldChannel | undefined;

	/** A class to install as `globalThis.BroadcastChannel`. */
	channelClass(): new (name: string) => HeldChannel {
		// eslint-disable-next-line @typescript-eslint/no-this-alias -- the class below needs this board
		const board = this;
		return class extends HeldChannel {
			constructor(name: string) {
				super(name, board);
			}
		};
	}

	/** The channel the last constructed event store opened: that tab's ears. */
	takeLastOpened(): HeldChannel {
		const channel = this.#lastOpened;
		if (!channel) throw new Error('No channel was opened: is the switchboard installed?');
		this.#lastOpened = undefined;
		return channel;
	}

	opened(channel: HeldChannel): void {
		this.#open.add(channel);
		this.#lastOpened = channel;
	}

	post(from: HeldChannel, data: unknown): void {
		// As a BroadcastChannel does: a copy to every other open channel of the name, not to the sender.
		for (const to of this.#open) {
			if (to !== from && to.name === from.name) this.held.push({ to, data: structuredClone(data) });
		}
	}

	closed(channel: HeldChannel): void {
		// A closed tab hears nothing more: what was on its way to it is gone.
		this.#open.delete(channel);
		for (let index = this.held.length - 1; index >= 0; index--) {
			if (this.held[index]!.to === channel) this.held.splice(index, 1);
		}
	}

	/** Delivers the held message at `index` (any one, so any order) to its tab. */
	deliver(index: number): void {
		const [message] = this.held.splice(index, 1);
		if (!message) throw new Error(`No held message at ${index}`);
		this.delivered.push(message);
		this.#hand(message);
	}

	/** Delivers a message again that was delivered before, if its tab is still open. */
	repeat(index: number): void {
		const message = this.delivered[index];
		if (!message) throw new Error(`No delivered message at ${index}`);
		if (this.#open.has(message.to)) this.#hand(message);
	}

	#hand(message: HeldMessage): void {
		message.to.onmessage?.({ data: structuredClone(message.data) });
	}
}
