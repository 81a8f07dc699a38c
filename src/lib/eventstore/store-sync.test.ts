import { afterEach, describe, expect, it } from 'vitest';
import { SyncGapError } from '../errors';
import type { Redecide } from './rebase';
import type { StoredCommand } from './stored-command';
import {
	dumpDatabase,
	databaseOf,
	increment,
	metadata,
	OCCURRED_AT,
	storedCommands,
	remote,
	StoreTracker
} from './testing';

// The store's sync facet on its own, without a server: what each step leaves in the log.

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

const refuseAll: Redecide = () => {
	throw new Error('It no longer fits.');
};
const keepAsIs: Redecide = (command) => [
	{
		type: 'Incremented',
		data: { by: 1 },
		metadata: metadata({ commandId: command.commandId })
	}
];

describe('store.sync', () => {
	it('applyRemote records the highest position applied; a page with a gap applies nothing', async () => {
		const store = stores.open();
		expect(await store.sync.remotePosition()).toBe(0);

		const applied = await store.sync.applyRemote(
			[remote('counter-1', 1, 7), remote('counter-2', 1, 9)],
			keepAsIs
		);
		expect(applied.position).toBe(9);
		expect(await store.sync.remotePosition()).toBe(9);

		const before = await dumpDatabase(databaseOf(store));
		await expect(
			store.sync.applyRemote([remote('counter-3', 1, 10), remote('counter-1', 3, 11)], keepAsIs)
		).rejects.toBeInstanceOf(SyncGapError);
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
		expect(await store.sync.remotePosition()).toBe(9);
	});

	it('acknowledge marks only what is still pending, and keeps a command until all its events are synced', async () => {
		const store = stores.open();
		const { events } = await store.append('counter-1', [increment(1), increment(2)], {
			expectedVersion: 0,
			command: command('c-1')
		});
		const ack = (seq: number, position: number) => ({
			seq,
			streamId: 'counter-1',
			position,
			recordedAt: OCCURRED_AT,
			recordedBy: 'user-1'
		});

		await store.sync.acknowledge([ack(events[0]!.seq, 1)]);
		expect((await store.readStream('counter-1')).map((event) => event.sync)).toEqual([
			'synced',
			'pending'
		]);
		expect((await storedCommands(databaseOf(store))).map((c) => c.commandId)).toEqual(['c-1']);

		// Discarded since it was pushed: the late answer leaves nothing behind.
		await store.discardPending('counter-1', 2);
		await store.sync.acknowledge([ack(events[1]!.seq, 2)]);
		expect(await store.readStream('counter-1')).toHaveLength(1);
		expect(await storedCommands(databaseOf(store))).toEqual([]);
		expect(await store.pendingCount()).toBe(0);
	});

	it('acknowledge moves the pull past the positions it acknowledged when they run on from it', async () => {
		const store = stores.open();
		await store.sync.applyRemote([remote('counter-9', 1, 4)], keepAsIs);
		const pushed = async (streamId: string) =>
			(
				await store.append(streamId, [increment(1), increment(2)], {
					expectedVersion: 0,
					command: command(`c-${streamId}`)
				})
			).events;
		const ack = (seq: number, streamId: string, position: number) => ({
			seq,
			streamId,
			position,
			recordedAt: OCCURRED_AT,
			recordedBy: 'user-1'
		});

		// Positions 5 and 6 follow the 4 pulled: nobody else's event can lie in between.
		const first = await pushed('counter-1');
		await store.sync.acknowledge(first.map((e, i) => ack(e.seq, 'counter-1', 5 + i)));
		expect(await store.sync.remotePosition()).toBe(6);

		// 8 and 9 leave 7 to someone else: the pull must still fetch it, and stays at 6.
		const second = await pushed('counter-2');
		await store.sync.acknowledge(second.map((e, i) => ack(e.seq, 'counter-2', 8 + i)));
		expect(await store.sync.remotePosition()).toBe(6);
		expect(await store.pendingCount()).toBe(0);
	});

	it('acknowledge leaves the pull where it was when an acknowledged event changed here since it was pushed', async () => {
		const store = stores.open();
		const { events } = await store.append('counter-1', [increment(1), increment(2)], {
			expectedVersion: 0,
			command: command('c-1')
		});
		// Discarded while on the wire: the server holds what this device no longer has, and a pull
		// must bring it back.
		await store.discardPending('counter-1', 2);
		await store.sync.acknowledge(
			events.map((event, i) => ({
				seq: event.seq,
				streamId: 'counter-1',
				position: i + 1,
				recordedAt: OCCURRED_AT,
				recordedBy: 'user-1'
			}))
		);
		expect(await store.sync.remotePosition()).toBe(0);
	});

	it('a refused event goes to the inbox, which holds its stream back until discarded', async () => {
		const store = stores.open();
		const own = increment(1, { metadata: metadata({ commandId: 'c-1' }) });
		const { events } = await store.append('counter-1', [own], {
			expectedVersion: 0,
			command: command('c-1')
		});
		const conflict = await store.sync.quarantine(events[0]!.eventId, 'too odd', refuseAll);

		expect(conflict).toMatchObject({
			commandId: 'c-1',
			streamId: 'counter-1',
			reason: 'too odd',
			command: { command: { type: 'Increment' } }
		});
		expect(await store.sync.conflictCount()).toBe(1);
		expect(await store.sync.heldStreams()).toEqual(new Set(['counter-1']));
		expect(await store.readStream('counter-1')).toEqual([]);
		expect(await store.sync.quarantine(events[0]!.eventId, 'again', refuseAll)).toBeUndefined();

		await store.sync.discardConflict('c-1');
		expect(await store.sync.conflicts()).toEqual([]);
		expect(await store.sync.heldStreams()).toEqual(new Set());
	});

	it('keeps settings per key, and forgets one written as undefined', async () => {
		const store = stores.open();
		await store.sync.writeSetting('a', { deep: [1, 2] });
		await store.sync.writeSetting('b', 'kept');
		expect(await store.sync.readSetting('a')).toEqual({ deep: [1, 2] });

		await store.sync.writeSetting('a', undefined);
		expect(await store.sync.readSetting('a')).toBeUndefined();
		expect(await store.sync.readSetting('b')).toBe('kept');
	});
});
