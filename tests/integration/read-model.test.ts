import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { eventTime } from '../../src/lib/events';
import type { EventStore, ReadModelEntry, RemoteEvent } from '../../src/lib/eventstore';
import { metadata, OCCURRED_AT, StoreTracker } from '../../src/lib/eventstore/testing';
import {
	defineProjection,
	foldRecords,
	queryList,
	readTallies,
	ReadModelRunner
} from '../../src/lib/projections';
import { counterAggregate, counterList } from '../../src/lib/testing';
import type { CounterState } from '../../src/lib/testing/counter';
import { createCommandRebaser, rewind } from '../../src/lib/undo';

// Property: a read model in IndexedDB holds exactly what folding the whole log in memory gives,
// row for row and version for version, with its counts and sums, after any sequence of
// appends, rewinds, discards, pushes answered and pulled events that rebase pending ones (its
// rows hold the time of the last change, which a push's answer changes); with two tabs folding
// the same database at once, runners stopped and started again, and rebuilds in between.

// READ_MODEL_RUNS=1000 for a longer hunt; a failure prints fast-check's seed and path.
const RUNS = Number(process.env.READ_MODEL_RUNS ?? 40);

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

const counter = counterAggregate();
const { redecide } = createCommandRebaser([counter]);
const STREAMS = ['counter-1', 'counter-2', 'counter-3', 'counter-4'] as const;
const ada = { userId: 'user-1', deviceId: 'device-1' };
// Small pages and saves, so that folds of several pages and saves in the middle of them happen.
const SMALL = { pageSize: 3, saveRows: 2 };

/** A counter and the time of its last change: the server's once synced, so it changes then. */
type CounterRow = CounterState & { at: string };

/** The counters as a list: by value, grouped open or closed, found by their note, sums of values. */
const counters = defineProjection<CounterRow>({
	name: 'test-counters',
	version: 1,
	filter: counterList.filter,
	initialState: () => ({ ...counterList.initialState(), at: '' }),
	evolve: (row, event) => ({ ...counterList.evolve(row, event), at: eventTime(event) }),
	list: {
		order: (row) => (row.increments === 0 ? undefined : String(row.value).padStart(8, '0')),
		descending: true,
		group: (row) => (row.closed ? 'closed' : 'open'),
		searchText: (row) => `counter ${row.value}`,
		sums: (row) => ({ value: row.value })
	}
});

const stream = fc.nat({ max: STREAMS.length - 1 });
const operation = fc.oneof(
	{
		weight: 6,
		arbitrary: fc.record({
			op: fc.constant('increment'),
			stream,
			by: fc.integer({ min: 1, max: 600 })
		})
	},
	{ weight: 1, arbitrary: fc.record({ op: fc.constant('reset'), stream }) },
	{ weight: 1, arbitrary: fc.record({ op: fc.constant('close'), stream }) },
	{
		weight: 2,
		arbitrary: fc.record({ op: fc.constant('rewind'), stream, to: fc.nat({ max: 6 }) })
	},
	{
		weight: 1,
		arbitrary: fc.record({ op: fc.constant('discard'), stream, from: fc.nat({ max: 6 }) })
	},
	{
		weight: 2,
		arbitrary: fc.record({ op: fc.constant('pull'), stream, count: fc.integer({ min: 1, max: 3 }) })
	},
	{
		weight: 2,
		arbitrary: fc.record({ op: fc.constant('ack'), count: fc.integer({ min: 1, max: 4 }) })
	},
	{ weight: 2, arbitrary: fc.record({ op: fc.constant('settle'), tab: fc.nat({ max: 1 }) }) },
	{ weight: 1, arbitrary: fc.record({ op: fc.constant('restart'), tab: fc.nat({ max: 1 }) }) },
	{ weight: 1, arbitrary: fc.record({ op: fc.constant('rebuild'), tab: fc.nat({ max: 1 }) }) }
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

/** A device's log, written to as a person and a sync would. */
class Device {
	/** Per stream, how many events the server holds: what others' pulled events follow. */
	readonly #remote = new Map<string, number>();
	#position = 0;

	constructor(readonly store: EventStore) {}

	async append(streamId: string, type: string, data: object): Promise<void> {
		const expectedVersion = await this.store.streamVersion(streamId);
		await this.store.append(streamId, [{ type, data, metadata: metadata() }], { expectedVersion });
	}

	async rewind(streamId: string, to: number): Promise<void> {
		const version = await this.store.streamVersion(streamId);
		if (version === 0) return;
		// A closed counter's past is sealed: the refusal is part of the game, not a failure.
		await rewind(
			this.store,
			[counter],
			{ streamId, toVersion: Math.min(to, version - 1) },
			ada
		).catch(() => undefined);
	}

	async discard(streamId: string, from: number): Promise<void> {
		const version = await this.store.streamVersion(streamId);
		const synced = this.#remote.get(streamId) ?? 0;
		if (version <= synced) return;
		await this.store.discardPending(streamId, synced + 1 + (from % (version - synced)));
	}

	/**
	 * The server's answer to a push of this device's oldest `count` pending events: they become
	 * synced, with positions after everything pulled and the server's own time.
	 */
	async ack(count: number): Promise<void> {
		const pushed = await this.store.readPending({ limit: count });
		await this.store.sync.acknowledge(
			pushed.map((event) => {
				this.#remote.set(event.streamId, event.version);
				this.#position++;
				return {
					seq: event.seq,
					streamId: event.streamId,
					position: this.#position,
					recordedAt: new Date(Date.parse(OCCURRED_AT) + this.#position * 1000).toISOString(),
					recordedBy: ada.userId
				};
			})
		);
	}

	/** Others' increments on the stream, pulled: this device's pending ones there are rebased. */
	async pull(streamId: string, count: number): Promise<void> {
		const events: RemoteEvent[] = [];
		for (let index = 0; index < count; index++) {
			const version = (this.#remote.get(streamId) ?? 0) + 1;
			this.#remote.set(streamId, version);
			this.#position++;
			events.push({
				eventId: `theirs-${this.#position}`,
				streamId,
				version,
				type: 'Incremented',
				data: { by: 1 + (this.#position % 7) },
				schemaVersion: 1,
				metadata: metadata({ userId: 'user-2', deviceId: 'device-2' }),
				position: this.#position,
				recordedAt: OCCURRED_AT,
				recordedBy: 'user-2'
			});
		}
		await this.store.sync.applyRemote(events, redecide, () => new Date(OCCURRED_AT));
	}
}

/** Every stored row of the model, listed or not, by record. */
async function storedRows(store: EventStore): Promise<Map<string, ReadModelEntry<CounterRow>>> {
	const entries = await store.readModels.entries<CounterRow>(counters.name, STREAMS);
	return new Map(entries.flatMap((entry) => (entry ? [[entry.key, entry]] : [])));
}

async function expectMatchesFold(store: EventStore, runner: ReadModelRunner<CounterRow>) {
	const folded = foldRecords(counters, await store.readAll());
	const stored = await storedRows(store);
	expect(new Map([...stored].map(([key, { version, row }]) => [key, { version, row }]))).toEqual(
		folded
	);

	// The running sums are those of the folded rows, and a page lists them in the list's order.
	const listed = [...folded].filter(([, { row }]) => row.increments > 0);
	const tallies = readTallies(runner.state?.tallies);
	const groups: Record<string, number> = {};
	for (const [, { row }] of listed)
		groups[row.closed ? 'closed' : 'open'] = (groups[row.closed ? 'closed' : 'open'] ?? 0) + 1;
	const value = listed.reduce((sum, [, { row }]) => sum + row.value, 0);
	expect(tallies).toEqual({ count: listed.length, groups, sums: value === 0 ? {} : { value } });

	const page = await queryList(store, counters, tallies, { limit: 10 });
	const order = (key: string) => counters.list!.order(folded.get(key)!.row)!;
	const expected = listed
		.map(([key]) => key)
		// The list's order (highest value first), ties in the order of the records.
		.sort((a, b) => (order(a) === order(b) ? (a < b ? -1 : 1) : order(a) < order(b) ? 1 : -1));
	expect(page.rows.map(({ key }) => key)).toEqual(expected);
}

describe('a read model in IndexedDB', () => {
	it('equals the in-memory fold of its log after any appends, rewinds, discards and rebases', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (operations) => {
				const name = `read-model-${crypto.randomUUID()}`;
				const device = new Device(stores.open(name));
				// Two tabs on one database, each with its list open.
				const tabs = [device.store, stores.open(name)];
				const runners = tabs.map((store) => new ReadModelRunner(store, counters, SMALL));
				await Promise.all(runners.map((runner) => runner.start()));
				for (const step of operations) await play(device, tabs, runners, step);
				await Promise.all(runners.map((runner) => runner.settled()));
				await expectMatchesFold(device.store, runners[0]!);
				// A tab that opens now starts from what is stored and agrees.
				const late = new ReadModelRunner(tabs[1]!, counters, SMALL);
				await late.start();
				await expectMatchesFold(tabs[1]!, late);
				await Promise.all([...runners, late].map((runner) => runner.stop()));
				stores.closeAll();
			}),
			{ numRuns: RUNS }
		);
	}, 120_000);
});

async function play(
	device: Device,
	tabs: EventStore[],
	runners: ReadModelRunner<CounterRow>[],
	step: Operation
): Promise<void> {
	switch (step.op) {
		case 'increment':
			return device.append(STREAMS[step.stream]!, 'Incremented', { by: step.by });
		case 'reset':
			return device.append(STREAMS[step.stream]!, 'Reset', {});
		case 'close':
			return device.append(STREAMS[step.stream]!, 'Closed', {});
		case 'rewind':
			return device.rewind(STREAMS[step.stream]!, step.to);
		case 'discard':
			return device.discard(STREAMS[step.stream]!, step.from);
		case 'pull':
			return device.pull(STREAMS[step.stream]!, step.count);
		case 'ack':
			return device.ack(step.count);
		case 'settle':
			return runners[step.tab]!.settled();
		case 'restart': {
			await runners[step.tab]!.stop();
			runners[step.tab] = new ReadModelRunner(tabs[step.tab]!, counters, SMALL);
			// Not awaited: it catches up while the next steps write.
			void runners[step.tab]!.start();
			return;
		}
		case 'rebuild':
			void runners[step.tab]!.rebuild();
			return;
	}
}
