import { afterEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../errors';
import type { LogChange } from './change-feed';
import type { StoredCommand } from './stored-command';
import {
	databaseOf,
	dumpDatabase,
	increment,
	OCCURRED_AT,
	storedCommands,
	StoreTracker,
	writeSynced
} from './testing';

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

function command(commandId: string): Omit<StoredCommand, 'eventIds' | 'streamId'> {
	return {
		commandId,
		command: { type: 'Increment' },
		correlationId: commandId,
		userId: 'user-1',
		deviceId: 'device-1',
		issuedAt: OCCURRED_AT,
		decidedAtVersion: 0
	};
}

describe('EventStore.discardPending', () => {
	it('removes the pending tail from fromVersion on, with its commands, and nothing else', async () => {
		const store = stores.open();
		await store.append('counter-1', [increment(1)], {
			expectedVersion: 0,
			command: command('c-1')
		});
		const tail = await store.append('counter-1', [increment(2), increment(3)], {
			expectedVersion: 1,
			command: command('c-2')
		});
		await store.append('counter-2', [increment(9)], {
			expectedVersion: 0,
			command: command('c-3')
		});

		const removed = await store.discardPending('counter-1', 2);
		expect(removed.map((event) => event.eventId)).toEqual(
			tail.events.map((event) => event.eventId)
		);
		expect((await store.readStream('counter-1')).map((event) => event.version)).toEqual([1]);
		expect(await store.streamVersion('counter-1')).toBe(1);
		expect(await store.streamVersion('counter-2')).toBe(1);
		expect((await storedCommands(databaseOf(store))).map((c) => c.commandId).sort()).toEqual([
			'c-1',
			'c-3'
		]);
		// The stream continues at the version after what is left.
		expect((await store.append('counter-1', [increment()], { expectedVersion: 1 })).version).toBe(
			2
		);
	});

	it('records a rewrite and tells listeners the stream was rewritten', async () => {
		const store = stores.open();
		await store.append('counter-1', [increment(), increment()], { expectedVersion: 0 });
		const listener = vi.fn<(change: LogChange) => void>();
		store.subscribe(listener);
		await store.discardPending('counter-1', 1);
		expect(listener).toHaveBeenCalledWith({
			streamIds: ['counter-1'],
			rewritten: true,
			source: 'local'
		});
		const rewrites = await store.rewritesSince(0);
		expect(rewrites).toHaveLength(1);
		expect(rewrites[0]!.streamIds).toEqual(['counter-1']);
	});

	it('does nothing, silently, when there is nothing from that version on', async () => {
		const store = stores.open();
		await store.append('counter-1', [increment()], { expectedVersion: 0 });
		const listener = vi.fn<(change: LogChange) => void>();
		store.subscribe(listener);
		const before = await dumpDatabase(databaseOf(store));
		expect(await store.discardPending('counter-1', 2)).toEqual([]);
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
		expect(listener).not.toHaveBeenCalled();
	});

	it('refuses to discard a synced event and writes nothing', async () => {
		const store = stores.open();
		await writeSynced(databaseOf(store), { streamId: 'counter-1', version: 1, position: 1 });
		await store.append('counter-1', [increment()], { expectedVersion: 1 });
		const before = await dumpDatabase(databaseOf(store));
		await expect(store.discardPending('counter-1', 1)).rejects.toThrow(ValidationError);
		await expect(store.discardPending('counter-1', 1)).rejects.toThrow(/already on the server/);
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
		// The pending event after it can still go.
		expect(await store.discardPending('counter-1', 2)).toHaveLength(1);
	});

	it('refuses an invalid stream id', async () => {
		const store = stores.open();
		await expect(store.discardPending('counter 1', 1)).rejects.toThrow(ValidationError);
	});
});
