import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { EventStore } from '../eventstore';
import { acceptOnServer, databaseOf, dumpDatabase, OCCURRED_AT } from '../eventstore/testing';
import { AggregateRepository } from './aggregate-repository';
import { counterAggregate, testRegistry } from '../testing';

// DESIGN.md invariant 7, "every action happens once": a commandId already in the log, or still
// running, returns the first result and writes nothing; commands on one stream run in turn.

const user = { userId: 'ada', deviceId: 'laptop' };
const stores: EventStore[] = [];
afterEach(() => {
	for (const store of stores.splice(0)) store.close();
});

function open(name: string = crypto.randomUUID()) {
	const store = new EventStore({ name, registry: testRegistry });
	stores.push(store);
	return { store, counters: new AggregateRepository(store, counterAggregate()), name };
}

const increment = (by = 1) => ({ type: 'Increment', by });

describe('executing a commandId again', () => {
	it('after it finished: the first result, nothing written', async () => {
		const { store, counters } = open();
		await counters.execute('counter-1', increment(5), user);
		const first = await counters.execute('counter-1', increment(2), { ...user, commandId: 'c' });
		await counters.execute('counter-1', increment(10), user);
		const before = await dumpDatabase(databaseOf(store));

		const again = await counters.execute('counter-1', increment(2), { ...user, commandId: 'c' });
		// The state and version right after the first run, not the head's.
		expect(again).toEqual(first);
		expect(again).toMatchObject({ version: 2, state: { value: 7 } });
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
		expect((await counters.load('counter-1')).state.value).toBe(17);
	});

	it('a command that no longer fits (close twice) returns the first result, not a refusal', async () => {
		const { store, counters } = open();
		await counters.execute('counter-1', increment(), user);
		const first = await counters.execute(
			'counter-1',
			{ type: 'Close' },
			{ ...user, commandId: 'c' }
		);
		const before = await dumpDatabase(databaseOf(store));
		const again = await counters.execute(
			'counter-1',
			{ type: 'Close' },
			{ ...user, commandId: 'c' }
		);
		expect(again).toEqual(first);
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
		// Another id is another action: that one is refused by the rule.
		await expect(counters.execute('counter-1', { type: 'Close' }, user)).rejects.toThrow(/closed/);
	});

	it('while it still runs: the same result, one change', async () => {
		const { store, counters } = open();
		const runs = await Promise.all(
			[1, 2, 3].map(() => counters.execute('counter-1', increment(3), { ...user, commandId: 'c' }))
		);
		expect(runs[1]).toEqual(runs[0]);
		expect(runs[2]).toEqual(runs[0]);
		expect(await databaseOf(store).events.count()).toBe(1);
		expect((await counters.load('counter-1')).state.value).toBe(3);
	});

	it('from two repositories over one store (two record pages): one change', async () => {
		const { store, counters } = open();
		const other = new AggregateRepository(store, counterAggregate());
		const [a, b] = await Promise.all([
			counters.execute('counter-1', increment(3), { ...user, commandId: 'c' }),
			other.execute('counter-1', increment(3), { ...user, commandId: 'c' })
		]);
		expect(b).toEqual(a);
		expect(await databaseOf(store).events.count()).toBe(1);
	});

	it('after a reload (a new store and repository over the same database): the first result', async () => {
		const tab = open();
		const first = await tab.counters.execute('counter-1', increment(4), {
			...user,
			commandId: 'c'
		});
		await tab.counters.execute('counter-1', increment(1), user);
		tab.store.close();

		const reloaded = open(tab.name);
		const before = await dumpDatabase(databaseOf(reloaded.store));
		const again = await reloaded.counters.execute('counter-1', increment(4), {
			...user,
			commandId: 'c'
		});
		expect(again).toMatchObject({ commandId: 'c', version: 1, state: { value: 4 } });
		expect(again.events.map((event) => event.eventId)).toEqual(
			first.events.map((event) => event.eventId)
		);
		expect(await dumpDatabase(databaseOf(reloaded.store))).toBe(before);
	});

	it('after the first run has synced: the first result, with its receipt, nothing written', async () => {
		const { store, counters } = open();
		const first = await counters.execute('counter-1', increment(4), { ...user, commandId: 'c' });
		await acceptOnServer(databaseOf(store), first.events[0]!.seq, {
			position: 1,
			recordedAt: OCCURRED_AT
		});
		expect(await store.pendingCount()).toBe(0);
		const before = await dumpDatabase(databaseOf(store));

		const again = await counters.execute('counter-1', increment(4), { ...user, commandId: 'c' });
		expect(again).toMatchObject({ version: 1, state: { value: 4 } });
		expect(again.events).toMatchObject([{ eventId: first.events[0]!.eventId, sync: 'synced' }]);
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
	});

	it('on another record: refused as a reused id, nothing written', async () => {
		const { store, counters } = open();
		await counters.execute('counter-1', increment(), { ...user, commandId: 'c' });
		const before = await dumpDatabase(databaseOf(store));
		await expect(
			counters.execute('counter-2', increment(), { ...user, commandId: 'c' })
		).rejects.toBeInstanceOf(ValidationError);
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
	});

	it('on another record while the first still runs: refused too, not handed the first result', async () => {
		const { store, counters } = open();
		const first = counters.execute('counter-1', increment(), { ...user, commandId: 'c' });
		const second = counters.execute('counter-2', increment(), { ...user, commandId: 'c' });
		await expect(second).rejects.toBeInstanceOf(ValidationError);
		await first;
		expect(await store.streamVersion('counter-1')).toBe(1);
		expect(await store.streamVersion('counter-2')).toBe(0);
	});

	it('of a command that decided nothing: decided again, as it leaves no trace', async () => {
		const { store, counters } = open();
		const first = await counters.execute(
			'counter-1',
			{ type: 'Noop' },
			{ ...user, commandId: 'c' }
		);
		expect(first).toMatchObject({ events: [], version: 0 });
		expect(await databaseOf(store).events.count()).toBe(0);
		const again = await counters.execute(
			'counter-1',
			{ type: 'Noop' },
			{ ...user, commandId: 'c' }
		);
		expect(again).toEqual(first);
		expect(await databaseOf(store).events.count()).toBe(0);
	});
});

describe('commands on one stream, in one tab', () => {
	it('N concurrent executes are N changes, in the order they were issued, none refused', async () => {
		const { store, counters } = open();
		const n = 12;
		const results = await Promise.all(
			Array.from({ length: n }, (_, index) =>
				counters.execute('counter-1', increment(index + 1), user)
			)
		);
		expect(results.map((result) => result.version)).toEqual(
			Array.from({ length: n }, (_, index) => index + 1)
		);
		// Each decided on the state the one before it left.
		expect(results.map((result) => result.state.value)).toEqual(
			Array.from({ length: n }, (_, index) => ((index + 1) * (index + 2)) / 2)
		);
		const events = await store.readStream('counter-1');
		expect(events.map((event) => event.data)).toEqual(
			Array.from({ length: n }, (_, index) => ({ by: index + 1 }))
		);
	});

	it('a refused command does not stop the ones queued after it', async () => {
		const { counters } = open();
		const outcomes = await Promise.allSettled([
			counters.execute('counter-1', increment(600), user),
			counters.execute('counter-1', increment(600), user),
			counters.execute('counter-1', increment(1), user)
		]);
		expect(outcomes.map((outcome) => outcome.status)).toEqual([
			'fulfilled',
			'rejected',
			'fulfilled'
		]);
		expect((await counters.load('counter-1')).state.value).toBe(601);
	});

	it('commands on different streams run side by side', async () => {
		const { counters } = open();
		let releaseFirst!: () => void;
		const blocked = new Promise<void>((resolve) => (releaseFirst = resolve));
		const { store } = counters;
		const holding = store.queue.run('counter-1', () => blocked);
		// counter-2 does not wait for counter-1's queue.
		const other = await counters.execute('counter-2', increment(), user);
		expect(other.version).toBe(1);
		const waiting = counters.execute('counter-1', increment(), user);
		let done = false;
		void waiting.then(() => (done = true));
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(done).toBe(false);
		releaseFirst();
		await holding;
		expect((await waiting).version).toBe(1);
	});
});
