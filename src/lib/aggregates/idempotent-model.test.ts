import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { IllegalStateError } from '../errors';
import { EventStore } from '../eventstore';
import { AggregateRepository } from './aggregate-repository';
import { counterAggregate, testRegistry, type CounterState } from '../testing';
import { databaseOf } from '../eventstore/testing';

// Invariant 7 against a model: random commands, runs again of earlier commandIds, concurrent
// executes on one stream and reloads equal a model that applies each distinct command once,
// in the order issued. A failure prints fast-check's seed and path; FC_SEED=<seed> replays it.

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;
const STREAMS = ['counter-1', 'counter-2'] as const;
const user = { userId: 'ada', deviceId: 'laptop' };

type Command =
	{ type: 'Increment'; by: number } | { type: 'Reset' } | { type: 'Noop' } | { type: 'Close' };

const command: fc.Arbitrary<Command> = fc.oneof(
	{
		weight: 8,
		arbitrary: fc.record({ type: fc.constant('Increment'), by: fc.integer({ min: 1, max: 300 }) })
	},
	{ weight: 1, arbitrary: fc.constant({ type: 'Reset' as const }) },
	{ weight: 1, arbitrary: fc.constant({ type: 'Noop' as const }) },
	{ weight: 1, arbitrary: fc.constant({ type: 'Close' as const }) }
);

/** A new command, or a run again of the `pick`-th command issued so far (as a fraction). */
const issue = fc.oneof(
	{
		weight: 3,
		arbitrary: fc.record({
			kind: fc.constant('new' as const),
			streamId: fc.constantFrom(...STREAMS),
			command
		})
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('again' as const),
			pick: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })
		})
	}
);

/** Commands issued at once (a burst of clicks), or a reload of the tab. */
const step = fc.oneof(
	{ weight: 6, arbitrary: fc.array(issue, { minLength: 1, maxLength: 6 }) },
	{ weight: 1, arbitrary: fc.constant('reload' as const) }
);

interface Issued {
	commandId: string;
	streamId: string;
	command: Command;
}

type Outcome =
	{ refused: true } | { refused: false; version: number; state: CounterState; events: number };

/** The counter's rules, once per distinct command, in the order issued. */
class Model {
	readonly heads = new Map<string, { version: number; state: CounterState }>(
		STREAMS.map((id) => [id, { version: 0, state: { value: 0, increments: 0 } }])
	);
	/** The first run of each command that wrote events: what running it again returns. */
	readonly done = new Map<string, Outcome>();

	run({ commandId, streamId, command }: Issued): Outcome {
		const first = this.done.get(commandId);
		if (first) return first;
		const head = this.heads.get(streamId)!;
		const { state } = head;
		const refused = { refused: true } as const;
		if (state.closed && command.type !== 'Noop') return refused;
		let next: CounterState;
		switch (command.type) {
			case 'Increment':
				if (state.value + command.by > 1000) return refused;
				next = { value: state.value + command.by, increments: state.increments + 1 };
				break;
			case 'Reset':
				next = { ...state, value: 0 };
				break;
			case 'Close':
				next = { ...state, closed: true };
				break;
			case 'Noop':
				// Leaves no trace in the log: running it again decides again.
				return { refused: false, version: head.version, state, events: 0 };
		}
		const outcome = { refused: false, version: head.version + 1, state: next, events: 1 } as const;
		this.heads.set(streamId, { version: outcome.version, state: next });
		this.done.set(commandId, outcome);
		return outcome;
	}
}

const stores: EventStore[] = [];
afterEach(() => {
	for (const store of stores.splice(0)) store.close();
});

function open(name: string) {
	const store = new EventStore({ name, registry: testRegistry });
	stores.push(store);
	return { store, counters: new AggregateRepository(store, counterAggregate()) };
}

describe('idempotent execute against a model', () => {
	it('equals a model that applies each distinct command once', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
				const name = crypto.randomUUID();
				let tab = open(name);
				const model = new Model();
				const issued: Issued[] = [];
				for (const current of steps) {
					if (current === 'reload') {
						tab.store.close();
						tab = open(name);
						continue;
					}
					const burst: Issued[] = [];
					for (const next of current) {
						// Again: any command issued before, in this burst too (a double-click).
						const earlier =
							next.kind === 'again' ? issued[Math.floor(next.pick * issued.length)] : undefined;
						const one = earlier ?? {
							commandId: crypto.randomUUID(),
							streamId: next.kind === 'new' ? next.streamId : 'counter-1',
							command: next.kind === 'new' ? next.command : { type: 'Increment', by: 1 }
						};
						issued.push(one);
						burst.push(one);
					}
					// All at once, as quick clicks are: each one's first run is still going when the
					// same id comes again in the burst, so it shares that run's outcome.
					const settled = await Promise.allSettled(
						burst.map((one) =>
							tab.counters.execute(one.streamId, one.command, { ...user, commandId: one.commandId })
						)
					);
					const running = new Map<string, Outcome>();
					for (const [index, one] of burst.entries()) {
						const expected = running.get(one.commandId) ?? model.run(one);
						running.set(one.commandId, expected);
						const actual = settled[index]!;
						if (expected.refused) {
							expect(actual.status).toBe('rejected');
							expect((actual as PromiseRejectedResult).reason).toBeInstanceOf(IllegalStateError);
						} else {
							expect(actual.status).toBe('fulfilled');
							const result = (
								actual as PromiseFulfilledResult<{
									version: number;
									state: unknown;
									events: unknown[];
								}>
							).value;
							expect({
								version: result.version,
								state: result.state,
								events: result.events.length
							}).toEqual({
								version: expected.version,
								state: expected.state,
								events: expected.events
							});
						}
					}
					for (const streamId of STREAMS) {
						expect(await tab.counters.load(streamId)).toEqual(model.heads.get(streamId));
					}
					expect(await databaseOf(tab.store).events.count()).toBe(model.done.size);
				}
			}),
			{ seed: SEED, numRuns: 40 }
		);
	}, 120_000);
});
