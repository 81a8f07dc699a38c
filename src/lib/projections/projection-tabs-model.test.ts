import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AggregateRepository } from '../aggregates';
import { counterAggregate, testRegistry, type CounterState } from '../testing';
import { isRewindError } from '../errors';
import { EventStore } from '../eventstore';
import { announce, databaseOf, writeSynced } from '../eventstore/testing';
import { rewind } from '../undo';
import { defineProjection } from './define-projection';
import { foldRecords } from './fold-records';
import { Switchboard, type HeldChannel } from './held-announcements';
import { ProjectionRunner } from './projection-runner';

// Invariant 3 across tabs: several tabs on one database, each with its own runner, hear of each
// other's commits late, out of order and more than once; after every step each tab's rows equal
// a full rebuild for every record it has heard all commits of. A failure prints fast-check's
// seed and path; FC_SEED=<seed> replays it.

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;
const STREAMS = ['counter-1', 'counter-2', 'counter-3'] as const;
const CHECKPOINT_DELAY_MS = 1_000;
const user = { userId: 'ada', deviceId: 'laptop' };
const counter = counterAggregate();

const counterRows = defineProjection<CounterState>({
	name: 'test-counter-rows',
	version: 1,
	filter: (streamId) => streamId.startsWith('counter-'),
	initialState: counter.initialState,
	evolve: (row, event) => counter.evolve(row, event as never)
});

function repositoryOf(store: EventStore) {
	return new AggregateRepository(store, counter);
}

interface Tab {
	store: EventStore;
	/** The channel through which this tab hears of other tabs' commits. */
	ears: HeldChannel;
	counters: ReturnType<typeof repositoryOf>;
	runner: ProjectionRunner<CounterState>;
	/** The rows as the tab's readers last got them. */
	published: Record<string, CounterState>;
}

const open: Tab[] = [];
let board = new Switchboard();

/** A new database's worth of tabs: its own switchboard, so no run hears another's messages. */
async function closeAllAndInstallBoard(): Promise<void> {
	while (open.length > 0) await closeTab(open[0]!);
	board = new Switchboard();
	vi.stubGlobal('BroadcastChannel', board.channelClass());
}

beforeEach(() => {
	// Checkpoints are saved when the test says (a `tick`), not whenever a second has passed.
	vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(async () => {
	while (open.length > 0) await closeTab(open[0]!);
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

async function openTab(name: string): Promise<Tab> {
	const store = new EventStore({ name, registry: testRegistry });
	const tab: Tab = {
		store,
		ears: board.takeLastOpened(),
		counters: repositoryOf(store),
		runner: new ProjectionRunner(store, counterRows, (rows) => {
			tab.published = Object.fromEntries(rows);
		}),
		published: {}
	};
	open.push(tab);
	await tab.runner.start();
	return tab;
}

async function closeTab(tab: Tab): Promise<void> {
	open.splice(open.indexOf(tab), 1);
	await tab.runner.stop();
	tab.store.close();
}

const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
/** Which tab: taken modulo the number of tabs of the run. */
const tabIndex = fc.nat({ max: 5 });
const streamId = fc.constantFrom(...STREAMS);

const command = fc.oneof(
	{
		weight: 8,
		arbitrary: fc.record({ type: fc.constant('Increment'), by: fc.integer({ min: 1, max: 200 }) })
	},
	{ weight: 1, arbitrary: fc.constant({ type: 'Reset' }) },
	{ weight: 1, arbitrary: fc.constant({ type: 'Close' }) },
	{
		weight: 1,
		arbitrary: fc.record({ type: fc.constant('Annotate'), text: fc.constantFrom('a', 'b') })
	}
);

const write = fc.oneof(
	{
		weight: 6,
		arbitrary: fc.record({
			kind: fc.constant('command' as const),
			tab: tabIndex,
			streamId,
			command
		})
	},
	// An undo, redo or restore: a `$Rewound` to an earlier version.
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('rewind' as const),
			tab: tabIndex,
			streamId,
			to: fraction
		})
	},
	// Pending events thrown away: a rewrite of the log, not an append.
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('discard' as const),
			tab: tabIndex,
			streamId,
			from: fraction
		})
	}
);

type Write = typeof write extends fc.Arbitrary<infer T> ? T : never;

const deliver = fc.record({ kind: fc.constant('deliver' as const), pick: fraction });

const step = fc.oneof(
	{ weight: 8, arbitrary: write },
	// Writes in several tabs at once, and announcements arriving meanwhile, not waiting for each other.
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('together' as const),
			actions: fc.array(fc.oneof({ weight: 3, arbitrary: write }, deliver), {
				minLength: 2,
				maxLength: 4
			})
		})
	},
	// Any held announcement, so they arrive late and in any order.
	{ weight: 9, arbitrary: deliver },
	// Sync in a tab writes another user's event as the server has it, then announces it.
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('pull' as const),
			tab: tabIndex,
			streamId,
			by: fc.integer({ min: 1, max: 50 })
		})
	},
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('repeat' as const), pick: fraction }) },
	// A tab closes (saving its checkpoint) and opens again from the stored checkpoint, which
	// other tabs, however far behind, may have overwritten meanwhile.
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('reload' as const),
			tab: tabIndex,
			othersSaveFirst: fc.boolean()
		})
	},
	// A second passes: every tab that folded something saves its checkpoint.
	{ weight: 1, arbitrary: fc.constant({ kind: 'tick' as const }) }
);

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** Runs a write in its tab; a refusal (closed counter, sealed history, conflict) writes nothing. */
async function run(tabs: readonly Tab[], action: Write): Promise<void> {
	const tab = tabs[action.tab % tabs.length]!;
	try {
		switch (action.kind) {
			case 'command':
				await tab.counters.execute(action.streamId, action.command, user);
				return;
			case 'rewind': {
				const head = await tab.store.streamVersion(action.streamId);
				if (head === 0) return;
				const toVersion = Math.floor(action.to * head);
				await rewind(
					tab.store,
					[counter],
					{ streamId: action.streamId, toVersion, expectedVersion: head },
					user
				);
				return;
			}
			case 'discard': {
				const head = await tab.store.streamVersion(action.streamId);
				if (head === 0) return;
				await tab.store.discardPending(action.streamId, 1 + Math.floor(action.from * head));
				return;
			}
		}
	} catch (error) {
		if (isRewindError(error)) return;
		throw error;
	}
}

/** Delivers the held announcement at `pick` (a fraction of how many are held), if any is. */
function deliverOne(pick: number): void {
	if (board.held.length > 0) board.deliver(Math.floor(pick * board.held.length));
}

/** As sync applies a pull: writes straight to the database, then announces the stream. */
async function pull(
	tab: Tab,
	action: { streamId: string; by: number },
	position: number
): Promise<void> {
	const { store } = tab;
	await store.queue.run(action.streamId, async () => {
		const head = await store.streamVersion(action.streamId);
		await writeSynced(databaseOf(store), {
			streamId: action.streamId,
			version: head + 1,
			position,
			type: 'Incremented',
			data: { by: action.by }
		});
	});
	announce(store, [action.streamId], false);
}

/** The rows a full rebuild gives: a fold of the whole log in canonical order. */
async function rebuilt(store: EventStore): Promise<Record<string, CounterState>> {
	const records = foldRecords(counterRows, await store.readAll());
	return Object.fromEntries(Array.from(records, ([id, record]) => [id, record.row]));
}

/** The records named by announcements still on their way to the tab: its rows may lag there. */
function unheard(tab: Tab): Set<string> {
	const names = board.held
		.filter((message) => message.to === tab.ears)
		.flatMap((message) => (message.data as { streamIds: string[] }).streamIds);
	return new Set(names);
}

/**
 * Once each tab has folded what it was told, every record it has heard all commits of equals
 * the full rebuild: a record it has not heard of yet may lag, never one it has.
 */
async function expectTabsAgree(tabs: readonly Tab[], after: string): Promise<void> {
	for (const tab of tabs) await tab.runner.settled();
	const expected = await rebuilt(tabs[0]!.store);
	for (const [index, tab] of tabs.entries()) {
		const shown = tab.published;
		expect(shown, `tab ${index} published its rows, after ${after}`).toEqual(
			Object.fromEntries(tab.runner.rows)
		);
		const lagging = unheard(tab);
		for (const id of STREAMS) {
			if (lagging.has(id)) continue;
			expect(shown[id], `tab ${index}, ${id}, after ${after}`).toEqual(expected[id]);
		}
		if (lagging.size === 0) expect(shown, `tab ${index}, after ${after}`).toEqual(expected);
	}
}

/** A commit is announced to the other tabs in a task after it (`ChangeFeed`): let it run. */
function posted(): Promise<unknown> {
	return vi.advanceTimersByTimeAsync(0);
}

async function reload(tabs: Tab[], index: number, othersSaveFirst: boolean): Promise<void> {
	const name = databaseOf(tabs[index]!.store).name;
	await closeTab(tabs[index]!);
	if (othersSaveFirst) await vi.advanceTimersByTimeAsync(CHECKPOINT_DELAY_MS);
	tabs[index] = await openTab(name);
}

describe('projections in several tabs on one database (invariant 3)', () => {
	it('a commit of another tab, announced after this tab’s own later append, still shows', async () => {
		await closeAllAndInstallBoard();
		const name = `rewind-tabs-${crypto.randomUUID()}`;
		const here = await openTab(name);
		const there = await openTab(name);
		await there.counters.execute('counter-2', { type: 'Increment', by: 5 }, user);
		// This tab's own append comes after the other tab's commit in the log, and is folded first.
		await here.counters.execute('counter-1', { type: 'Increment', by: 1 }, user);
		await posted();
		await here.runner.settled();
		const toHere = board.held.findIndex((message) => message.to === here.ears);
		expect(board.held[toHere]?.data).toEqual({ streamIds: ['counter-2'], rewritten: false });

		board.deliver(toHere);
		await here.runner.settled();
		expect(Object.fromEntries(here.runner.rows)).toEqual({
			'counter-1': { value: 1, increments: 1 },
			'counter-2': { value: 5, increments: 1 }
		});
		expect(Object.fromEntries(here.runner.rows)).toEqual(await rebuilt(here.store));
	});

	it('equal a full rebuild after every step, with announcements late, out of order and repeated', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 2, max: 3 }),
				fc.array(step, { minLength: 10, maxLength: 35 }),
				async (tabCount, steps: Step[]) => {
					await closeAllAndInstallBoard();
					const name = `rewind-tabs-${crypto.randomUUID()}`;
					const tabs: Tab[] = [];
					let position = 1;
					for (let index = 0; index < tabCount; index++) tabs.push(await openTab(name));
					for (const [number, action] of steps.entries()) {
						switch (action.kind) {
							case 'together':
								await Promise.all(
									action.actions.map(async (one) =>
										one.kind === 'deliver' ? deliverOne(one.pick) : run(tabs, one)
									)
								);
								break;
							case 'deliver':
								deliverOne(action.pick);
								break;
							case 'pull':
								await pull(tabs[action.tab % tabs.length]!, action, position++);
								break;
							case 'repeat':
								if (board.delivered.length > 0)
									board.repeat(Math.floor(action.pick * board.delivered.length));
								break;
							case 'reload':
								await reload(tabs, action.tab % tabs.length, action.othersSaveFirst);
								break;
							case 'tick':
								await vi.advanceTimersByTimeAsync(CHECKPOINT_DELAY_MS);
								break;
							default:
								await run(tabs, action);
						}
						await posted();
						await expectTabsAgree(tabs, `step ${number} (${action.kind})`);
					}

					// Every announcement arrives in the end, the newest first.
					while (board.held.length > 0) board.deliver(board.held.length - 1);
					await expectTabsAgree(tabs, 'every announcement arrived');

					// Whatever checkpoint was stored last, every tab opens again to the same rows.
					await vi.advanceTimersByTimeAsync(CHECKPOINT_DELAY_MS);
					for (let index = 0; index < tabs.length; index++) await reload(tabs, index, false);
					await expectTabsAgree(tabs, 'reloading every tab');
					await tabs[0]!.runner.rebuild();
					await expectTabsAgree(tabs, 'a rebuild');
				}
			),
			{ seed: SEED, numRuns: 30 }
		);
	}, 60_000);
});
