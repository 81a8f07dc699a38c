import { readable, type Readable } from 'svelte/store';
import type { ReadEvent } from '../events';
import type { EventStore } from '../eventstore';

export interface StreamView {
	events: ReadEvent[];
	ready: boolean;
}

/** A Svelte store of one record's events, read again after every commit that touches it. */
export function streamStore(store: EventStore, streamId: string): Readable<StreamView> {
	return readable<StreamView>({ events: [], ready: false }, (set) => {
		if (typeof indexedDB === 'undefined') return;
		let latest = 0;
		const load = () => {
			// Reads can finish out of order; only the newest one may set the value.
			const ticket = ++latest;
			void store.readStream(streamId).then((events) => {
				if (ticket === latest) set({ events, ready: true });
			});
		};
		const unsubscribe = store.subscribe((change) => {
			if (change.streamIds.includes(streamId)) load();
		});
		load();
		return unsubscribe;
	});
}
