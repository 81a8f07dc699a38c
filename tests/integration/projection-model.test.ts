import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { isRewindError } from '../../src/lib/errors';
import type { EventStore } from '../../src/lib/eventstore';
import { acceptOnServer, databaseOf, StoreTracker } from '../../src/lib/eventstore/testing';
import { rewind, UndoStack } from '../../src/lib/undo';
import {
	ada,
	balances,
	bumped,
	domainCommand,
	domainRegistry,
	execute,
	Follower,
	fullFold,
	orderList,
	STREAMS,
	domainAggregates
} from './domain-harness';

// A failure prints fast-check's seed and path; FC_SEED=<seed> replays it.
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

const restore = fc.record({
	kind: fc.constant('restore' as const),
	streamId: fc.constantFrom(...STREAMS),
	to: fraction
});
const discard = fc.record({
	kind: fc.constant('discard' as const),
	streamId: fc.constantFrom(...STREAMS),
	from: fraction
});

const step = fc.oneof(
	{ arbitrary: domainCommand, weight: 10 },
	{ arbitrary: fc.record({ kind: fc.constant('undo' as const), force: fc.boolean() }), weight: 3 },
	{ arbitrary: fc.record({ kind: fc.constant('redo' as const), force: fc.boolean() }), weight: 2 },
	{ arbitrary: restore, weight: 2 },
	{ arbitrary: discard, weight: 2 },
	// The server accepts the oldest part of the log: those events become synced, in seq order.
	{ arbitrary: fc.record({ kind: fc.constant('sync' as const), share: fraction }), weight: 1 },
	// The app is closed, the log changes meanwhile (another tab), and the app starts again.
	{
		arbitrary: fc.record({
			kind: fc.constant('reload' as const),
			meanwhile: fc.array(fc.oneof(domainCommand, restore, discard), { maxLength: 3 })
		}),
		weight: 2
	}
);

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** Two orders and an account with money exist from the start, so fewer commands are refused. */
const prelude: Step[] = [
	{
		kind: 'command',
		streamId: 'order-1',
		command: { type: 'CreateOrder', customerName: 'Ada', currency: 'EUR' },
		user: 'ada'
	},
	{
		kind: 'command',
		streamId: 'order-2',
		command: { type: 'CreateOrder', customerName: 'Bob', currency: 'EUR' },
		user: 'bob'
	},
	{
		kind: 'command',
		streamId: 'account-1',
		command: { type: 'OpenAccount', holderName: 'Ada', currency: 'EUR' },
		user: 'ada'
	},
	{
		kind: 'command',
		streamId: 'account-1',
		command: { type: 'Deposit', amountCents: 1_000 },
		user: 'ada'
	}
];

async function syncOldest(store: EventStore, share: number, nextPosition: { value: number }) {
	const pending = await store.readPending();
	const accepted = pending.slice(0, Math.ceil(pending.length * share));
	for (const event of accepted) {
		await acceptOnServer(databaseOf(store), event.seq, {
			position: nextPosition.value++,
			recordedAt: new Date().toISOString()
		});
	}
}

/** Runs one step; true when it wrote to the log (so each runner publishes once). */
async function run(
	store: EventStore,
	stack: UndoStack,
	action: Step,
	nextPosition: { value: number }
): Promise<boolean> {
	try {
		switch (action.kind) {
			case 'command': {
				const result = await execute(store, action);
				if (!result || result.events.length === 0) return false;
				if (action.user === 'ada') {
					stack.record({
						streamId: action.streamId,
						commandId: result.commandId,
						label: action.streamId,
						before: result.version - result.events.length,
						after: result.version
					});
				}
				return true;
			}
			case 'undo':
				return (await stack.undo({ force: action.force })) !== undefined;
			case 'redo':
				return (await stack.redo({ force: action.force })) !== undefined;
			case 'restore': {
				const head = await store.streamVersion(action.streamId);
				if (head === 0) return false;
				const toVersion = Math.floor(action.to * head);
				await rewind(
					store,
					domainAggregates,
					{ streamId: action.streamId, toVersion, expectedVersion: head },
					ada
				);
				return true;
			}
			case 'discard': {
				const head = await store.streamVersion(action.streamId);
				if (head === 0) return false;
				const from = 1 + Math.floor(action.from * head);
				return (await store.discardPending(action.streamId, from)).length > 0;
			}
			case 'sync':
				await syncOldest(store, action.share, nextPosition);
				return false;
			case 'reload':
				return false;
		}
	} catch (error) {
		// Refusals (an undo that would revert someone else's change, a discard of synced events,
		// an undo whose events were discarded) write nothing; anything else is a failure.
		if (isRewindError(error)) return false;
		throw error;
	}
}

async function expectRows(
	store: EventStore,
	orders: Follower<unknown>,
	accounts: Follower<unknown>
) {
	expect(orders.rows).toEqual(await fullFold(store, orderList));
	expect(accounts.rows).toEqual(await fullFold(store, balances));
}

describe('projections: incremental rows equal a full rebuild (invariant 3)', () => {
	it('after random commands, refusals, undos, redos, restores, discards, syncs and reloads', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(step, { minLength: 15, maxLength: 40 }), async (steps) => {
				const store = stores.open(undefined, domainRegistry);
				const stack = new UndoStack(store, domainAggregates, () => ada);
				const nextPosition = { value: 1 };
				let orders = await new Follower(store, orderList as never).start();
				let accounts = await new Follower(store, balances as never).start();
				try {
					for (const action of [...prelude, ...steps]) {
						if (action.kind === 'reload') {
							await orders.runner.stop();
							await accounts.runner.stop();
							for (const offline of action.meanwhile)
								await run(store, stack, offline, nextPosition);
							orders = await new Follower(store, orderList as never).start();
							accounts = await new Follower(store, balances as never).start();
						} else {
							const marks = [orders.publications, accounts.publications] as const;
							if (await run(store, stack, action, nextPosition)) {
								await orders.publishedAfter(marks[0]);
								await accounts.publishedAfter(marks[1]);
							}
						}
						await expectRows(store, orders, accounts);
					}

					// The rows the runners followed to the end, then saved as their checkpoints.
					await orders.runner.stop();
					await accounts.runner.stop();
					await expectRows(store, orders, accounts);

					// A reload from those checkpoints.
					const reloadedOrders = await new Follower(store, orderList as never).start();
					const reloadedAccounts = await new Follower(store, balances as never).start();
					await expectRows(store, reloadedOrders, reloadedAccounts);
					await reloadedOrders.runner.rebuild();
					await reloadedAccounts.runner.rebuild();
					await expectRows(store, reloadedOrders, reloadedAccounts);
					await reloadedOrders.runner.stop();
					await reloadedAccounts.runner.stop();

					// The next build of the app changed both projections' versions.
					const nextOrders = bumped(orderList);
					const nextBalances = bumped(balances);
					const rebuiltOrders = await new Follower(store, nextOrders as never).start();
					const rebuiltAccounts = await new Follower(store, nextBalances as never).start();
					expect(rebuiltOrders.rows).toEqual(await fullFold(store, nextOrders));
					expect(rebuiltAccounts.rows).toEqual(await fullFold(store, nextBalances));
					expect(rebuiltOrders.rows).toEqual(orders.rows);
					expect(rebuiltAccounts.rows).toEqual(accounts.rows);
					await rebuiltOrders.runner.stop();
					await rebuiltAccounts.runner.stop();
				} finally {
					await orders.runner.stop();
					await accounts.runner.stop();
					store.close();
				}
			}),
			{ seed: SEED, numRuns: 60 }
		);
	}, 30_000);
});
