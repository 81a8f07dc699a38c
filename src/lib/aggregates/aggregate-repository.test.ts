import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	IllegalStateError,
	UnknownStreamError,
	ValidationError,
	VersionConflictError
} from '../errors';
import { REWOUND } from '../events';
import { EventStore } from '../eventstore';
import { acceptOnServer, databaseOf, storedCommands } from '../eventstore/testing';
import { AggregateRepository } from './aggregate-repository';
import { counterAggregate, testRegistry } from '../testing';

const user = { userId: 'ada', deviceId: 'laptop' };
const stores: EventStore[] = [];

function openStore(name = crypto.randomUUID()) {
	const store = new EventStore({ name, registry: testRegistry });
	stores.push(store);
	return store;
}

function repository(store = openStore(), options: Parameters<typeof counterAggregate>[0] = {}) {
	return new AggregateRepository(store, counterAggregate(options));
}

async function dump(store: EventStore) {
	return {
		events: await databaseOf(store).events.toArray(),
		commands: await storedCommands(databaseOf(store)),
		snapshots: await databaseOf(store).snapshots.toArray()
	};
}

afterEach(() => {
	for (const store of stores.splice(0)) store.close();
});

describe('AggregateRepository.execute', () => {
	it('appends the decided events with metadata from the context and stores the command', async () => {
		const counters = repository();
		const now = new Date('2026-03-04T05:06:07.000Z');
		const result = await counters.execute(
			'counter-1',
			{ type: 'Increment', by: 2 },
			{ ...user, commandId: 'c-1', correlationId: 'k-1', now }
		);

		expect(result.version).toBe(1);
		expect(result.state).toEqual({ value: 2, increments: 1 });
		expect(result.events[0]).toMatchObject({
			streamId: 'counter-1',
			version: 1,
			type: 'Incremented',
			data: { by: 2 },
			sync: 'pending',
			metadata: {
				commandId: 'c-1',
				correlationId: 'k-1',
				userId: 'ada',
				deviceId: 'laptop',
				occurredAt: now.toISOString()
			}
		});
		const [command] = await counters.store.commandsOf('counter-1');
		expect(command).toMatchObject({
			commandId: 'c-1',
			command: { type: 'Increment', by: 2 },
			userId: 'ada',
			decidedAtVersion: 0,
			eventIds: [result.events[0]!.eventId]
		});
	});

	it('refuses a command that breaks a rule and writes nothing', async () => {
		const counters = repository();
		await counters.execute('counter-1', { type: 'Increment', by: 999 }, user);
		const before = await dump(counters.store);

		await expect(counters.execute('counter-1', { type: 'Increment', by: 2 }, user)).rejects.toThrow(
			IllegalStateError
		);
		expect(await dump(counters.store)).toEqual(before);
	});

	it('refuses a malformed command with a ValidationError naming the field, and writes nothing', async () => {
		const counters = repository();
		const error = await counters
			.execute('counter-1', { type: 'Increment', by: -1 }, user)
			.catch((e: unknown) => e);

		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).issues[0]?.path).toEqual(['by']);
		expect(await dump(counters.store)).toEqual({ events: [], commands: [], snapshots: [] });
	});

	it('refuses a stream of another category', async () => {
		await expect(
			repository().execute('order-1', { type: 'Increment', by: 1 }, user)
		).rejects.toThrow(/not one of the counter records/);
	});

	it('appends nothing and stores no command when the command decides no events', async () => {
		const counters = repository();
		const result = await counters.execute('counter-1', { type: 'Noop' }, user);
		expect(result).toMatchObject({ events: [], version: 0 });
		expect(await dump(counters.store)).toEqual({ events: [], commands: [], snapshots: [] });
	});

	it('decides again on the new state when another tab wrote in between', async () => {
		const name = crypto.randomUUID();
		const tabA = repository(openStore(name));
		const tabB = repository(openStore(name));
		for (let round = 0; round < 20; round++) {
			await Promise.all([
				tabA.execute('counter-1', { type: 'Increment', by: 1 }, user),
				tabB.execute('counter-1', { type: 'Increment', by: 1 }, user)
			]);
		}
		const events = await tabA.store.readStream('counter-1');
		expect(events.map((event) => event.version)).toEqual(
			Array.from({ length: 40 }, (_, i) => i + 1)
		);
		expect((await tabB.load('counter-1')).state.value).toBe(40);
	});

	it('surfaces the conflict once its attempts are spent', async () => {
		const store = openStore();
		const counters = new AggregateRepository(store, counterAggregate(), { attempts: 1 });
		const append = store.append.bind(store);
		// Another writer gets in between this command's load and its append.
		vi.spyOn(store, 'append').mockImplementationOnce(async (...args) => {
			await append('counter-1', [incremented()], { expectedVersion: 0 });
			return append(...args);
		});

		await expect(counters.execute('counter-1', { type: 'Increment', by: 1 }, user)).rejects.toThrow(
			VersionConflictError
		);
		expect(await store.streamVersion('counter-1')).toBe(1);
	});
});

describe('the state a tab decided on last', () => {
	it('is never trusted once the stream was rewritten at the same length', async () => {
		const store = openStore();
		const counters = repository(store);
		await counters.execute('counter-1', { type: 'Increment', by: 1 }, user);
		await counters.execute('counter-1', { type: 'Increment', by: 2 }, user);
		// As a sync rebase would: version 2 replaced by another event, the head version unchanged.
		await store.discardPending('counter-1', 2);
		await store.append('counter-1', [incremented(500)], { expectedVersion: 1 });

		const result = await counters.execute('counter-1', { type: 'Increment', by: 4 }, user);
		expect(result).toMatchObject({ version: 3, state: { value: 505, increments: 3 } });
	});

	it('refuses only on the record as it is, not on what this tab saw before', async () => {
		const name = crypto.randomUUID();
		const tabA = repository(openStore(name));
		const tabB = repository(openStore(name));
		await tabA.execute('counter-1', { type: 'Increment', by: 999 }, user);
		await tabB.execute('counter-1', { type: 'Reset' }, user);

		// Tab A last saw 999, where +5 breaks the rule; the counter is at 0 now.
		const result = await tabA.execute('counter-1', { type: 'Increment', by: 5 }, user);
		expect(result).toMatchObject({ version: 3, state: { value: 5 } });
	});
});

describe('snapshots', () => {
	it('snapshots every N events and loads the latest snapshot plus the tail', async () => {
		const counters = repository(openStore(), { snapshotEvery: 5 });
		for (let i = 0; i < 12; i++)
			await counters.execute('counter-1', { type: 'Increment', by: 1 }, user);

		const snapshot = await counters.store.latestSnapshot('counter-1');
		expect(snapshot).toMatchObject({ version: 10, state: { value: 10, increments: 10 } });

		const readStream = vi.spyOn(counters.store, 'readStream');
		expect(await counters.load('counter-1')).toEqual({
			state: { value: 12, increments: 12 },
			version: 12
		});
		expect(readStream).toHaveBeenCalledTimes(1);
		expect(readStream).toHaveBeenCalledWith('counter-1', { fromVersion: 10 });
	});

	it('ignores and replaces a snapshot taken by another snapshotVersion', async () => {
		const store = openStore();
		const v1 = repository(store, { snapshotEvery: 5 });
		for (let i = 0; i < 6; i++) await v1.execute('counter-1', { type: 'Increment', by: 1 }, user);
		// A snapshot of the old code, with a state shape the new code would misread.
		await databaseOf(store).snapshots.update('counter-1', { state: { total: 'garbage' } });

		const v2 = repository(store, { snapshotEvery: 5, snapshotVersion: 2 });
		expect((await v2.load('counter-1')).state).toEqual({ value: 6, increments: 6 });
		expect(await store.latestSnapshot('counter-1')).toMatchObject({
			snapshotVersion: 2,
			version: 6,
			state: { value: 6, increments: 6 }
		});
	});

	it('ignores a snapshot whose event was replaced since it was taken', async () => {
		const store = openStore();
		const counters = repository(store, { snapshotEvery: 2 });
		await counters.execute('counter-1', { type: 'Increment', by: 1 }, user);
		await counters.execute('counter-1', { type: 'Increment', by: 1 }, user);
		// As a rebase would: the pending event at version 2 is replaced by a different one.
		await databaseOf(store).events.where({ streamId: 'counter-1', version: 2 }).delete();
		await store.append('counter-1', [incremented(5)], { expectedVersion: 1 });

		expect((await counters.load('counter-1')).state).toEqual({ value: 6, increments: 2 });
	});

	it('loads the same state from a snapshot as from a full replay', async () => {
		const store = openStore();
		const withSnapshots = repository(store, { snapshotEvery: 3 });
		for (let i = 1; i <= 20; i++) {
			const command = i % 7 === 0 ? { type: 'Reset' } : { type: 'Increment', by: i };
			await withSnapshots.execute('counter-1', command, user);
		}
		const replay = repository(store, { snapshotEvery: 1_000_000, snapshotVersion: 99 });
		expect(await withSnapshots.load('counter-1')).toEqual(await replay.load('counter-1'));
	});
});

describe('folding rewinds and unknown events', () => {
	it('a $Rewound event sets the state back to the state at its target version', async () => {
		const counters = repository();
		for (const by of [1, 2, 4])
			await counters.execute('counter-1', { type: 'Increment', by }, user);
		await counters.store.append('counter-1', [rewind(1)], { expectedVersion: 3 });
		expect(await counters.load('counter-1')).toEqual({
			state: { value: 1, increments: 1 },
			version: 4
		});
		// Redo: rewind to the version just before the undo.
		await counters.store.append('counter-1', [rewind(3)], { expectedVersion: 4 });
		expect((await counters.load('counter-1')).state).toEqual({ value: 7, increments: 3 });
	});

	it('a rewind to before the snapshot is folded from the start', async () => {
		const counters = repository(openStore(), { snapshotEvery: 4 });
		for (let i = 0; i < 9; i++)
			await counters.execute('counter-1', { type: 'Increment', by: 1 }, user);
		expect((await counters.store.latestSnapshot('counter-1'))?.version).toBe(8);

		await counters.store.append('counter-1', [rewind(2)], { expectedVersion: 9 });
		expect((await counters.load('counter-1')).state).toEqual({ value: 2, increments: 2 });
	});

	it('skips events of types this build does not know, but counts their versions', async () => {
		const counters = repository();
		await counters.execute('counter-1', { type: 'Increment', by: 1 }, user);
		await databaseOf(counters.store).events.add({
			...(await databaseOf(counters.store).events.toCollection().first())!,
			seq: undefined as unknown as number,
			eventId: 'from-the-future',
			version: 2,
			type: 'CounterPaintedBlue',
			data: { colour: 'blue' }
		});
		const result = await counters.execute('counter-1', { type: 'Increment', by: 1 }, user);
		expect(result).toMatchObject({ version: 3, state: { value: 2, increments: 2 } });
	});
});

describe('stateAt', () => {
	async function threeVersions() {
		const counters = repository();
		const times = [
			'2026-05-01T10:00:00.000Z',
			'2026-05-01T11:00:00.000Z',
			'2026-05-01T12:00:00.000Z'
		];
		for (const [i, time] of times.entries()) {
			await counters.execute(
				'counter-1',
				{ type: 'Increment', by: 10 ** i },
				{ ...user, now: new Date(time) }
			);
		}
		return counters;
	}

	it('gives the state at a version', async () => {
		const counters = await threeVersions();
		expect(await counters.stateAt('counter-1', { version: 2 })).toEqual({
			state: { value: 11, increments: 2 },
			version: 2
		});
		expect((await counters.stateAt('counter-1', { version: 0 })).state).toEqual({
			value: 0,
			increments: 0
		});
	});

	it('gives the state at a moment, by the server time once synced', async () => {
		const counters = await threeVersions();
		expect(
			(await counters.stateAt('counter-1', { at: new Date('2026-05-01T11:30:00Z') })).version
		).toBe(2);
		expect(
			(await counters.stateAt('counter-1', { at: new Date('2026-05-01T09:00:00Z') })).version
		).toBe(0);
		expect(
			(await counters.stateAt('counter-1', { at: new Date('2027-01-01T00:00:00Z') })).version
		).toBe(3);

		// The server recorded version 2 later than the device said it happened.
		const [second] = await counters.store.readStream('counter-1', { fromVersion: 2, toVersion: 2 });
		await acceptOnServer(databaseOf(counters.store), second!.seq, {
			position: 1,
			recordedAt: '2026-05-01T11:45:00.000Z'
		});
		expect(
			(await counters.stateAt('counter-1', { at: new Date('2026-05-01T11:30:00Z') })).version
		).toBe(1);
	});

	it('refuses an unknown stream and a version out of range', async () => {
		const counters = await threeVersions();
		await expect(counters.stateAt('counter-2', { version: 1 })).rejects.toThrow(UnknownStreamError);
		await expect(counters.stateAt('counter-1', { version: 4 })).rejects.toThrow(/versions 0 to 3/);
		await expect(counters.stateAt('counter-1', { version: 1.5 })).rejects.toThrow(ValidationError);
	});
});

function metadata() {
	return {
		commandId: crypto.randomUUID(),
		correlationId: crypto.randomUUID(),
		userId: 'grace',
		deviceId: 'phone',
		occurredAt: new Date().toISOString()
	};
}

function incremented(by = 1) {
	return { type: 'Incremented', data: { by }, metadata: metadata() };
}

function rewind(toVersion: number) {
	return { type: REWOUND, data: { toVersion }, metadata: metadata() };
}
