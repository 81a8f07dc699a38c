import { afterEach, describe, expect, it } from 'vitest';
import { AggregateRepository } from '../aggregates';
import { EventStore } from '../eventstore';
import { databaseOf, dumpDatabase } from '../eventstore/testing';
import { createCommandRebaser } from '../undo';
import { carryReaction, counterAggregate, testRegistry, type CounterState } from '../testing';
import { reactionCommandId } from './reaction-command-id';
import { ReactionRunner } from './reaction-runner';
import { reactionsCheckpoint } from './checkpoint';
import { reactionSpec } from './reaction-spec';

const carry = carryReaction;

const ada = { userId: 'ada', deviceId: 'laptop' };
const stores: EventStore[] = [];
afterEach(() => {
	for (const store of stores.splice(0)) store.close();
});

function device(deviceId = 'laptop', name: string = crypto.randomUUID()) {
	const store = new EventStore({ name, registry: testRegistry });
	stores.push(store);
	const counters = new AggregateRepository(store, counterAggregate());
	const runner = () =>
		new ReactionRunner({
			store,
			deviceId,
			reactions: [carry],
			execute: (streamId, command, context) => counters.execute(streamId, command, context),
			stateAfter: async (event) =>
				(await counters.stateAt(event.streamId, { version: event.version })).state
		});
	return { store, counters, runner, name };
}

/** A device whose carry of `counter-a1`'s +5 was refused: `counter-b1` stands at 999 of 1000. */
async function refusedCarry() {
	const made = device();
	await made.counters.execute('counter-b1', { type: 'Increment', by: 999 }, ada);
	const reactions = made.runner();
	await reactions.catchUp();
	await made.counters.execute('counter-a1', { type: 'Increment', by: 5 }, ada);
	await reactions.catchUp();
	return { ...made, reactions };
}

const value = async (counters: AggregateRepository<CounterState, never, never>, id: string) =>
	(await counters.load(id)).state.value;

describe('reactionSpec', () => {
	it('says what a reaction asks for, and asks for nothing on other records', () => {
		reactionSpec(carry)
			.given({ value: 3, increments: 1 })
			.when({ type: 'Incremented', data: { by: 3 }, streamId: 'counter-a1' })
			.then([{ streamId: 'counter-b1', command: { type: 'Increment', by: 3 } }]);
		reactionSpec(carry)
			.given({ value: 3, increments: 1 })
			.when({ type: 'Incremented', data: { by: 3 }, streamId: 'counter-x1' })
			.thenNothing();
		reactionSpec(carry)
			.whenRefused(
				{ streamId: 'counter-b1', command: { type: 'Increment', by: 3 } },
				'The counter stops at 1000.'
			)
			.then([{ streamId: 'counter-c1', command: { type: 'Annotate', text: 'refused command-2' } }]);
	});

	it('fails when the reaction asks for something else', () => {
		expect(() =>
			reactionSpec(carry)
				.given({ value: 0, increments: 0 })
				.when({ type: 'Incremented', data: { by: 2 }, streamId: 'counter-a1' })
				.then([{ streamId: 'counter-b1', command: { type: 'Increment', by: 3 } }])
		).toThrow(/Expected commands/);
	});
});

describe('ReactionRunner', () => {
	it('runs a reaction once for an event appended here, with the derived id and its cause', async () => {
		const { store, counters, runner } = device();
		const reactions = runner();
		await reactions.catchUp();
		const done = await counters.execute('counter-a1', { type: 'Increment', by: 4 }, ada);
		await reactions.catchUp();
		await reactions.catchUp();

		expect(await value(counters as never, 'counter-b1')).toBe(4);
		const [carried] = await store.readStream('counter-b1');
		const cause = done.events[0]!;
		expect(carried!.metadata).toMatchObject({
			commandId: await reactionCommandId(
				'carry',
				{ commandId: done.commandId, type: 'Incremented', occurrence: 0 },
				0
			),
			causationId: cause.eventId,
			correlationId: cause.metadata.correlationId,
			userId: 'ada'
		});
		const [stored] = await store.commandsOf('counter-b1');
		expect(stored!.reaction).toEqual({ name: 'carry', causeCommandId: done.commandId });
	});

	it('runs again after a crash half-way, and still acts once', async () => {
		const { store, counters, runner, name } = device();
		await runner().catchUp();
		await counters.execute('counter-a1', { type: 'Increment', by: 4 }, ada);
		await counters.execute('counter-a2', { type: 'Increment', by: 5 }, ada);
		await runner().catchUp();
		// The crash: the checkpoint never moved past the first event.
		await store.sync.writeSetting('reactions:checkpoint', 0);
		const before = await dumpDatabase(databaseOf(store), { except: ['meta'] });

		// The next start, in a fresh tab of the same log.
		const again = device('laptop', name);
		await again.runner().catchUp();
		expect(await dumpDatabase(databaseOf(store), { except: ['meta'] })).toBe(before);
		expect(await value(counters as never, 'counter-b1')).toBe(9);
	});

	it('reacts to events appended from now on, not to the history it started with', async () => {
		const { counters, runner } = device();
		await counters.execute('counter-a1', { type: 'Increment', by: 1 }, ada);
		const reactions = runner();
		await reactions.catchUp();
		expect(await value(counters as never, 'counter-b1')).toBe(0);
		const stop = reactions.start();
		await counters.execute('counter-a1', { type: 'Increment', by: 2 }, ada);
		await expect.poll(() => value(counters as never, 'counter-b1')).toBe(2);
		stop();
	});

	it('reacts to a change made before its code loaded, once the app set its place at start', async () => {
		const { counters, runner, store } = device();
		await counters.execute('counter-a1', { type: 'Increment', by: 1 }, ada);
		expect(await reactionsCheckpoint(store)).toMatchObject({ due: false });
		// The first change of the session, before the runner exists.
		await counters.execute('counter-a1', { type: 'Increment', by: 2 }, ada);
		expect(await reactionsCheckpoint(store)).toMatchObject({ due: true });
		await runner().catchUp();
		expect(await value(counters as never, 'counter-b1')).toBe(2);
	});

	it("leaves other devices' events to them", async () => {
		const { counters, runner } = device('laptop');
		const reactions = runner();
		await reactions.catchUp();
		await counters.execute(
			'counter-a1',
			{ type: 'Increment', by: 1 },
			{
				userId: 'bob',
				deviceId: 'phone'
			}
		);
		await reactions.catchUp();
		expect(await value(counters as never, 'counter-b1')).toBe(0);
	});

	it('puts a refused command in the inbox with its cause, compensates once, and can be retried', async () => {
		const { store, counters, reactions } = await refusedCarry();
		await reactions.catchUp();

		const [conflict, ...more] = await store.sync.conflicts();
		expect(more).toEqual([]);
		expect(conflict).toMatchObject({
			streamId: 'counter-b1',
			reason: 'The counter stops at 1000.',
			command: { command: { type: 'Increment', by: 5 }, reaction: { name: 'carry' } }
		});
		expect(await value(counters as never, 'counter-b1')).toBe(999);
		expect((await counters.load('counter-c1')).state.note).toBe(`refused ${conflict!.commandId}`);
		expect(await store.readStream('counter-c1')).toHaveLength(1);

		// Room made on the target, the person retries the carry from the inbox.
		await counters.execute('counter-b1', { type: 'Reset' }, ada);
		const rebaser = createCommandRebaser([counterAggregate()]);
		await rebaser.prepare();
		expect(await store.sync.retryConflict(conflict!.commandId, rebaser.redecide)).toEqual({
			applied: true
		});
		expect(await value(counters as never, 'counter-b1')).toBe(5);
		expect(await store.sync.conflicts()).toEqual([]);
	});

	it('leaves a command it put in the inbox there when its cause comes round again, even once it would fit', async () => {
		const { store, counters, runner } = await refusedCarry();
		const [conflict] = await store.sync.conflicts();
		expect(conflict).toBeDefined();

		// Room made on the target; then the cause is reacted to again (a crash lost the runner's
		// place; a rebase gives the cause a new event too). The refusal was told (the inbox, the
		// note): the carry must not now act behind it. The person retries it from the inbox.
		await counters.execute('counter-b1', { type: 'Reset' }, ada);
		await store.sync.writeSetting('reactions:checkpoint', 0);
		await runner().catchUp();

		expect(await value(counters as never, 'counter-b1')).toBe(0);
		expect((await store.sync.conflicts()).map((entry) => entry.commandId)).toEqual([
			conflict!.commandId
		]);
		expect(await store.readStream('counter-c1')).toHaveLength(1);
	});
});
