import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReadEvent } from '../events';
import type { LogChange } from './change-feed';
import type { EventStore } from './event-store';
import {
	databaseOf,
	increment,
	injectQuotaFailure,
	StoreTracker,
	uniqueName,
	within
} from './testing';

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

const DELIVERY_TIMEOUT = 2000;

/** A promise of the next change a store reports, and the function to stop listening. */
function nextChange(store: EventStore): Promise<LogChange> {
	return new Promise((resolve) => {
		const stop = store.subscribe((change) => {
			stop();
			resolve(change);
		});
	});
}

describe('EventStore.subscribe', () => {
	it('tells a listener in the same instance once, after the commit, as local', async () => {
		const store = stores.open();
		const listener = vi.fn<(change: LogChange) => void>();
		store.subscribe(listener);
		let seenInListener: Promise<ReadEvent[]> | undefined;
		store.subscribe(() => {
			seenInListener ??= store.readStream('counter-1');
		});

		const { events } = await store.append('counter-1', [increment(1), increment(2)], {
			expectedVersion: 0
		});
		expect(listener).toHaveBeenCalledTimes(1);
		expect(listener).toHaveBeenCalledWith({
			streamIds: ['counter-1'],
			rewritten: false,
			source: 'local',
			events
		});
		expect(seenInListener).toBeDefined();
		const seen = await within(seenInListener!, DELIVERY_TIMEOUT, 'the read in the listener');
		expect(seen.map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
	});

	it('does not tell anyone about an append that failed', async () => {
		const name = uniqueName();
		const store = stores.open(name);
		const otherTab = stores.open(name);
		const quota = injectQuotaFailure(databaseOf(store), ['outbox']);
		const setUp = nextChange(otherTab);
		await store.append('counter-1', [increment()], { expectedVersion: 0 });
		// Let the set-up commit reach the other tab before listening there.
		await within(setUp, DELIVERY_TIMEOUT, 'the set-up commit');

		const here = vi.fn<(change: LogChange) => void>();
		const there = vi.fn<(change: LogChange) => void>();
		store.subscribe(here);
		otherTab.subscribe(there);

		// Refused before the transaction, refused inside it, and rolled back after writing events.
		await expect(
			store.append('counter-1', [increment(-1)], { expectedVersion: 1 })
		).rejects.toThrow();
		await expect(
			store.append('counter-1', [increment()], { expectedVersion: 0 })
		).rejects.toThrow();
		quota.failing = true;
		await expect(
			store.append('counter-1', [increment()], {
				expectedVersion: 1,
				command: {
					commandId: 'c-1',
					command: { type: 'Increment' },
					correlationId: 'c-1',
					userId: 'user-1',
					deviceId: 'device-1',
					issuedAt: '2024-05-01T10:00:00.000Z',
					decidedAtVersion: 1
				}
			})
		).rejects.toThrow();
		// An empty batch commits nothing either.
		await store.append('counter-1', [], { expectedVersion: 1 });
		expect(here).not.toHaveBeenCalled();

		// A later successful append is the first and only thing the other tab hears.
		quota.failing = false;
		const heard = nextChange(otherTab);
		await store.append('counter-2', [increment()], { expectedVersion: 0 });
		expect(await within(heard, DELIVERY_TIMEOUT, 'the other tab')).toEqual({
			streamIds: ['counter-2'],
			rewritten: false,
			source: 'other-tab'
		});
		expect(here).toHaveBeenCalledTimes(1);
		expect(there).toHaveBeenCalledTimes(1);
		expect(there).toHaveBeenCalledWith({
			streamIds: ['counter-2'],
			rewritten: false,
			source: 'other-tab'
		});
	});

	it('tells another instance on the same database, as other-tab, once the events are readable there', async () => {
		const name = uniqueName();
		const writer = stores.open(name);
		const reader = stores.open(name);
		const writerHeard = vi.fn<(change: LogChange) => void>();
		writer.subscribe(writerHeard);
		const readInListener = new Promise<ReadEvent[]>((resolve) => {
			reader.subscribe((change) => {
				if (change.source === 'other-tab') resolve(reader.readStream('counter-1'));
			});
		});
		const heard = nextChange(reader);

		const { events } = await writer.append('counter-1', [increment(1), increment(2)], {
			expectedVersion: 0
		});
		expect(await within(heard, DELIVERY_TIMEOUT, 'the other tab')).toEqual({
			streamIds: ['counter-1'],
			rewritten: false,
			source: 'other-tab'
		});
		const seen = await within(readInListener, DELIVERY_TIMEOUT, 'the read in the other tab');
		expect(seen.map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
		// The writer hears its own commit once, as local, not echoed back as other-tab.
		expect(writerHeard).toHaveBeenCalledTimes(1);
		expect(writerHeard).toHaveBeenCalledWith({
			streamIds: ['counter-1'],
			rewritten: false,
			source: 'local',
			events
		});
	});

	it('does not tell an instance on another database', async () => {
		const writer = stores.open();
		const stranger = stores.open();
		const strangerHeard = vi.fn<(change: LogChange) => void>();
		stranger.subscribe(strangerHeard);
		const sameDatabase = stores.open(databaseOf(writer).name);
		const heard = nextChange(sameDatabase);
		await writer.append('counter-1', [increment()], { expectedVersion: 0 });
		await within(heard, DELIVERY_TIMEOUT, 'the tab on the same database');
		expect(strangerHeard).not.toHaveBeenCalled();
	});

	it('stops telling a listener once it unsubscribed, here and in the other tab', async () => {
		const name = uniqueName();
		const writer = stores.open(name);
		const reader = stores.open(name);
		const local = vi.fn<(change: LogChange) => void>();
		const remote = vi.fn<(change: LogChange) => void>();
		const stopLocal = writer.subscribe(local);
		const stopRemote = reader.subscribe(remote);

		let heard = nextChange(reader);
		await writer.append('counter-1', [increment()], { expectedVersion: 0 });
		await within(heard, DELIVERY_TIMEOUT, 'the first change');
		expect(local).toHaveBeenCalledTimes(1);
		expect(remote).toHaveBeenCalledTimes(1);

		stopLocal();
		stopRemote();
		// A listener still subscribed proves the second change was delivered in the other tab.
		heard = nextChange(reader);
		await writer.append('counter-1', [increment()], { expectedVersion: 1 });
		await within(heard, DELIVERY_TIMEOUT, 'the second change');
		expect(local).toHaveBeenCalledTimes(1);
		expect(remote).toHaveBeenCalledTimes(1);
	});

	it('keeps telling the other listeners when one of them throws', async () => {
		const store = stores.open();
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		const after = vi.fn<(change: LogChange) => void>();
		store.subscribe(() => {
			throw new Error('broken listener');
		});
		store.subscribe(after);
		await store.append('counter-1', [increment()], { expectedVersion: 0 });
		expect(after).toHaveBeenCalledTimes(1);
		expect(error).toHaveBeenCalled();
		error.mockRestore();
	});

	it('a closed store tells its listeners nothing more', async () => {
		const name = uniqueName();
		const writer = stores.open(name);
		const closed = stores.open(name);
		const witness = stores.open(name);
		const listener = vi.fn<(change: LogChange) => void>();
		closed.subscribe(listener);
		closed.close();
		const heard = nextChange(witness);
		await writer.append('counter-1', [increment()], { expectedVersion: 0 });
		await within(heard, DELIVERY_TIMEOUT, 'the witness tab');
		expect(listener).not.toHaveBeenCalled();
	});
});
