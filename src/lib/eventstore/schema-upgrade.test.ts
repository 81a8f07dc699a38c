import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../events';
import type { StoredCommand } from './stored-command';
import { databaseOf, metadata, StoreTracker, uniqueName } from './testing';

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

/** A database as version 3 of the app left it: sync state inside each event record. */
async function version3(
	name: string,
	events: StoredEvent[],
	commands: StoredCommand[] = []
): Promise<void> {
	const db = new Dexie(name);
	db.version(1).stores({
		events: '++seq, &eventId, &[streamId+version], [sync+seq], position, type',
		commands: '&commandId, streamId',
		snapshots: '&streamId',
		meta: '&key'
	});
	db.version(2).stores({ checkpoints: '&name', rewrites: '++id' });
	db.version(3).stores({ conflicts: '&commandId, streamId' });
	await db.table('events').bulkAdd(events);
	await db.table('commands').bulkAdd(commands);
	db.close();
}

/** A stored command of events `e-<seq>` of one stream, as versions 1 to 4 kept them. */
function command(commandId: string, streamId: string, seqs: number[]): StoredCommand {
	return {
		commandId,
		streamId,
		command: { type: 'Increment', by: 1 },
		correlationId: commandId,
		userId: 'ada',
		deviceId: 'device-1',
		issuedAt: '2026-01-01T00:00:00.000Z',
		decidedAtVersion: 0,
		eventIds: seqs.map((seq) => `e-${seq}`)
	};
}

function event(
	seq: number,
	streamId: string,
	version: number,
	position?: number,
	commandId: string = `c-${seq}`
): StoredEvent {
	return {
		seq,
		eventId: `e-${seq}`,
		streamId,
		version,
		type: 'Incremented',
		schemaVersion: 1,
		data: { by: seq },
		metadata: metadata({ userId: 'ada', commandId }),
		...(position === undefined
			? { sync: 'pending' }
			: {
					sync: 'synced',
					position,
					recordedAt: `2026-01-0${position}T00:00:00.000Z`,
					recordedBy: 'bob'
				})
	};
}

describe('opening a version 3 database', () => {
	it('moves each event’s sync state beside it, and reads back exactly the log it had', async () => {
		const name = uniqueName();
		// Synced and pending events interleaved, a command of two events, the next command on
		// the same stream, another stream between, and a hole where a discarded event was.
		const log = [
			event(1, 'counter-1', 1, 2),
			event(2, 'counter-2', 1, 1),
			event(3, 'counter-1', 2, undefined, 'two-events'),
			event(4, 'counter-1', 3, undefined, 'two-events'),
			event(5, 'counter-1', 4),
			event(6, 'counter-2', 2),
			event(7, 'counter-1', 5),
			event(9, 'counter-1', 6)
		];
		const twoEvents = command('two-events', 'counter-1', [3, 4]);
		const fifth = command('c-5', 'counter-1', [5]);
		// Its one event is on the server: finished, and not carried over.
		const finished = command('c-1', 'counter-1', [1]);
		await version3(name, log, [twoEvents, fifth, finished]);

		const store = stores.open(name);
		const byPosition = [log[1]!, log[0]!];
		const pending = log.slice(2);
		expect(await store.readAll()).toEqual([...byPosition, ...pending]);
		expect(await store.readPending()).toEqual(pending);
		expect(await store.pendingCount()).toBe(6);
		expect(await store.pendingChanges()).toBe(5);
		expect(await databaseOf(store).outbox.toArray()).toEqual([
			{ seq: 3, last: 4, streamId: 'counter-1', command: twoEvents },
			{ seq: 5, last: 5, streamId: 'counter-1', command: fifth },
			{ seq: 6, last: 6, streamId: 'counter-2' },
			{ seq: 7, last: 7, streamId: 'counter-1' },
			{ seq: 9, last: 9, streamId: 'counter-1' }
		]);
		expect(databaseOf(store).tables.map((table) => table.name)).not.toContain('commands');
		expect(await store.commandsOf('counter-1')).toEqual([twoEvents, fifth]);
		const records = await databaseOf(store).events.toArray();
		expect(records.some((record) => 'sync' in record || 'position' in record)).toBe(false);

		// It goes on as any other log: an append continues the stream and waits to be pushed.
		await store.append(
			'counter-1',
			[{ type: 'Incremented', data: { by: 1 }, metadata: metadata() }],
			{
				expectedVersion: 6
			}
		);
		expect(await store.pendingCount()).toBe(7);
		await expect(store.discardPending('counter-1', 1)).rejects.toThrow(/already on the server/);
	});

	it('puts a command cut by an acknowledgement with the rest of its events', async () => {
		const name = uniqueName();
		const db = new Dexie(name);
		db.version(4).stores({
			events: '++seq, &eventId, &[streamId+version]',
			outbox: '&seq, streamId',
			receipts: '&seq, position',
			commands: '&commandId, streamId',
			snapshots: '&streamId',
			meta: '&key',
			checkpoints: '&name',
			rewrites: '++id',
			conflicts: '&commandId, streamId'
		});
		const records = [1, 2, 3].map((seq) => {
			const { sync: _sync, ...record } = event(seq, 'counter-1', seq, undefined, 'three');
			return record;
		});
		await db.table('events').bulkAdd(records);
		// The first event was pushed and acknowledged: the run now starts at the second one.
		await db.table('receipts').add({
			seq: 1,
			position: 1,
			recordedAt: '2026-01-01T00:00:00.000Z',
			recordedBy: 'ada'
		});
		await db.table('outbox').add({ seq: 2, last: 3, streamId: 'counter-1' });
		const three = command('three', 'counter-1', [1, 2, 3]);
		await db.table('commands').add(three);
		db.close();

		const store = stores.open(name);
		expect(await databaseOf(store).outbox.toArray()).toEqual([
			{ seq: 2, last: 3, streamId: 'counter-1', command: three }
		]);
	});

	it('finds a command’s events by its id in a version 7 database, synced and pending', async () => {
		const name = uniqueName();
		const db = new Dexie(name);
		db.version(7).stores({
			events: '++seq, &eventId, &[streamId+version]',
			outbox: '&seq, streamId, &command.commandId',
			receipts: '&seq, position',
			snapshots: '&streamId',
			meta: '&key',
			checkpoints: '&name',
			rewrites: '++id',
			conflicts: '&commandId, streamId'
		});
		const records = [
			event(1, 'counter-1', 1, undefined, 'synced-one'),
			event(2, 'counter-1', 2, undefined, 'pending-two'),
			event(3, 'counter-1', 3, undefined, 'pending-two')
		].map(({ sync: _sync, ...record }) => record);
		await db.table('events').bulkAdd(records);
		await db.table('receipts').add({
			seq: 1,
			position: 1,
			recordedAt: '2026-01-01T00:00:00.000Z',
			recordedBy: 'ada'
		});
		await db.table('outbox').add({ seq: 2, last: 3, streamId: 'counter-1' });
		db.close();

		const store = stores.open(name);
		expect((await store.eventsOfCommand('synced-one')).map((e) => [e.seq, e.sync])).toEqual([
			[1, 'synced']
		]);
		expect((await store.eventsOfCommand('pending-two')).map((e) => [e.seq, e.sync])).toEqual([
			[2, 'pending'],
			[3, 'pending']
		]);
		expect(await store.eventsOfCommand('never-ran')).toEqual([]);
		// Running the synced command again writes nothing.
		await expect(
			store.append('counter-1', [{ type: 'Incremented', data: { by: 1 }, metadata: metadata() }], {
				expectedVersion: 3,
				command: { ...command('synced-one', 'counter-1', []) }
			})
		).rejects.toThrow(/already stored/);
		expect(await store.streamVersion('counter-1')).toBe(3);
	});
});
