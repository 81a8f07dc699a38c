import { fromStore } from 'svelte/store';
import { foldStream, type Evolver } from '../events';
import { streamStore } from '../projections';
import { rewindApp } from './rewind-app';

type Foldable<State> = Evolver<State> & { initialState: () => State };

/**
 * One record read from the log and kept current, for pages that show it and change nothing
 * (the printable order and statement). Made while a component starts.
 */
export class RecordReader<State> {
	readonly #aggregate: Foldable<State>;
	readonly #streamId: () => string;
	readonly #stream = $derived.by(() => fromStore(streamStore(rewindApp().store, this.#streamId())));
	/** The record's events have been read. */
	readonly ready = $derived(this.#stream.current.ready);
	readonly events = $derived(this.#stream.current.events);
	/** The record as it is now. */
	readonly state = $derived.by(
		() =>
			foldStream(
				this.#aggregate,
				{ state: this.#aggregate.initialState(), version: 0 },
				this.events
			)!.state
	);

	constructor(aggregate: Foldable<State>, streamId: () => string) {
		this.#aggregate = aggregate;
		this.#streamId = streamId;
	}
}
