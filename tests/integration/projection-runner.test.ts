import { get } from 'svelte/store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventStore } from '../../src/lib/eventstore';
import type { Checkpoint } from '../../src/lib/projections/checkpoint';
import { databaseOf, StoreTracker, writeRaw } from '../../src/lib/eventstore/testing';
import { rewind, UndoStack } from '../../src/lib/undo';
import {
	ada,
	balances,
	bumped,
	domainRegistry,
	Follower,
	fullFold,
	orderList,
	quiet,
	repositories,
	domainAggregates
} from './domain-harness';

const stores = new StoreTracker();
const followers: Follower<unknown>[] = [];

afterEach(async () => {
	for (const follower of followers.splice(0)) await follower.runner.stop();
	vi.useRealTimers();
	vi.restoreAllMocks();
	stores.closeAll();
});

function open(): EventStore {
	return stores.open(undefined, domainRegistry);
}

function follow<Row>(store: EventStore, projection = orderList as never): Promise<Follower<Row>> {
	const follower = new Follower<Row>(store, projection);
	followers.push(follower as Follower<unknown>);
	return follower.start();
}

async function stopped<Row>(follower: Follower<Row>): Promise<void> {
	followers.splice(followers.indexOf(follower as Follower<unknown>), 1);
	await follower.runner.stop();
}

const create = (customerName: string) => ({
	type: 'CreateOrder',
	customerName,
	currency: 'EUR'
});
const addItem = (lineId: string, quantity = 1) => ({
	type: 'AddItem',
	lineId,
	name: `Item ${lineId}`,
	unitPriceCents: 100,
	quantity
});

/** Three orders, each a few events long. */
async function threeOrders(store: EventStore) {
	const { orders } = repositories(store);
	for (const id of ['1', '2', '3']) {
		await orders.execute(`order-${id}`, create(`Customer ${id}`), ada);
		await orders.execute(`order-${id}`, addItem('a'), ada);
	}
	return orders;
}

function checkpointOf(store: EventStore, name = orderList.name): Promise<Checkpoint | undefined> {
	return store.readCheckpoint<Checkpoint>(name);
}

/** Overwrites one row in the stored checkpoint, to tell a row read from it from a refolded one. */
async function markCheckpointRow(store: EventStore, streamId: string, marker: string) {
	const checkpoint = (await checkpointOf(store))!;
	const records = checkpoint.records.map(([id, record]): Checkpoint['records'][number] =>
		id === streamId
			? [id, { ...record, row: { ...(record.row as object), customerName: marker } }]
			: [id, record]
	);
	await store.writeCheckpoints([{ ...checkpoint, records }]);
}

describe('ProjectionRunner: checkpoints', () => {
	it('persists a checkpoint {name, version, seq, rewriteId, records} after its first catch-up', async () => {
		const store = open();
		await threeOrders(store);
		const follower = await follow(store);
		const checkpoint = await checkpointOf(store);
		expect(checkpoint).toMatchObject({
			name: orderList.name,
			version: orderList.version,
			seq: await store.lastSeq(),
			rewriteId: 0
		});
		expect(Object.fromEntries(checkpoint!.records.map(([id, record]) => [id, record.row]))).toEqual(
			await fullFold(store, orderList)
		);
		expect(checkpoint!.records.map(([id, record]) => [id, record.version])).toEqual([
			['order-1', 2],
			['order-2', 2],
			['order-3', 2]
		]);
		expect(follower.rows).toEqual(await fullFold(store, orderList));
	});

	it('saves the rows of followed commits within a second, without being stopped', async () => {
		const store = open();
		const orders = await threeOrders(store);
		const follower = await follow(store);
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		await follower.through(() => orders.execute('order-2', { type: 'SubmitOrder' }, ada));
		expect((await checkpointOf(store))!.seq).toBeLessThan(await store.lastSeq());
		await vi.advanceTimersByTimeAsync(1_000);
		vi.useRealTimers();
		await quiet();
		const checkpoint = await checkpointOf(store);
		expect(checkpoint!.seq).toBe(await store.lastSeq());
		expect(new Map(checkpoint!.records).get('order-2')?.row).toMatchObject({ status: 'submitted' });
	});

	it('on a reload, loads the checkpoint and folds only the tail: no read before its seq, no read of untouched records', async () => {
		const store = open();
		const orders = await threeOrders(store);
		await stopped(await follow(store));
		const { seq } = (await checkpointOf(store))!;
		// Written while no runner was looking (the app was closed).
		await orders.execute('order-2', addItem('b', 3), ada);
		await orders.execute('order-4', create('Customer 4'), ada);
		// A row only the checkpoint can know: it proves the reload did not fold order-1 again.
		await markCheckpointRow(store, 'order-1', 'from the checkpoint');

		const readLocal = vi.spyOn(store, 'readLocal');
		const readStream = vi.spyOn(store, 'readStream');
		const reloaded = await follow(store);

		expect(readLocal.mock.calls.map(([options]) => options?.afterSeq)).toEqual([seq]);
		expect(readStream).not.toHaveBeenCalled();
		const expected = await fullFold(store, orderList);
		expect(reloaded.rows).toEqual({
			...expected,
			'order-1': { ...expected['order-1'], customerName: 'from the checkpoint' }
		});
		expect((await checkpointOf(store))!.seq).toBe(await store.lastSeq());
	});

	it('rebuilds from the log, ignoring the old checkpoint, when the projection’s version changed', async () => {
		const store = open();
		await threeOrders(store);
		await stopped(await follow(store));
		await markCheckpointRow(store, 'order-1', 'stale row of version 1');

		const readLocal = vi.spyOn(store, 'readLocal');
		const next = bumped(orderList);
		const rebuilt = await follow(store, next as never);
		expect(readLocal.mock.calls[0]![0]).toMatchObject({ afterSeq: 0 });
		expect(rebuilt.rows).toEqual(await fullFold(store, next));
		expect(rebuilt.rows['order-1']).toMatchObject({ customerName: 'Customer 1' });
		expect(await checkpointOf(store)).toMatchObject({ version: 2, seq: await store.lastSeq() });
	});

	it('rebuild() on demand throws the checkpoint away and folds the whole log again', async () => {
		const store = open();
		await threeOrders(store);
		await stopped(await follow(store));
		await markCheckpointRow(store, 'order-3', 'corrupted');
		const follower = await follow(store);
		expect(follower.rows['order-3']).toMatchObject({ customerName: 'corrupted' });

		await follower.runner.rebuild();
		expect(follower.rows).toEqual(await fullFold(store, orderList));
		expect(follower.latest && Object.fromEntries(follower.latest)).toEqual(follower.rows);
		const checkpoint = await checkpointOf(store);
		expect(new Map(checkpoint!.records).get('order-3')?.row).toMatchObject({
			customerName: 'Customer 3'
		});
	});

	it('a runner stopped before it loaded leaves the stored checkpoint as it was', async () => {
		const store = open();
		await threeOrders(store);
		await stopped(await follow(store));
		const saved = await checkpointOf(store);

		const glance = new Follower(store, orderList);
		void glance.runner.start();
		await glance.runner.stop();
		expect(await checkpointOf(store)).toEqual(saved);
	});

	it('skips events of a type this build does not know, and keeps folding the record after them', async () => {
		const store = open();
		const orders = await threeOrders(store);
		const follower = await follow(store);
		// Written as a pull would store it; the next commit makes the runner read it.
		await writeRaw(databaseOf(store), {
			streamId: 'order-1',
			version: 3,
			type: 'OrderGiftWrapped',
			data: { paper: 'red' }
		});
		await follower.through(() => orders.execute('order-1', addItem('b'), ada));
		expect(follower.rows).toEqual(await fullFold(store, orderList));
		expect((follower.rows['order-1'] as { items: unknown[] }).items).toHaveLength(2);
	});

	it('keeps the records of other projections out: each folds only the streams its filter admits', async () => {
		const store = open();
		const { accounts } = repositories(store);
		await threeOrders(store);
		await accounts.execute(
			'account-1',
			{ type: 'OpenAccount', holderName: 'Ada', currency: 'EUR' },
			ada
		);
		const orderRows = await follow(store);
		const balanceRows = await follow(store, balances as never);
		expect(Object.keys(orderRows.rows).sort()).toEqual(['order-1', 'order-2', 'order-3']);
		expect(Object.keys(balanceRows.rows)).toEqual(['account-1']);
	});
});

describe('ProjectionRunner: $Rewound', () => {
	it('after a rewind, the row equals the record’s state at toVersion, for every toVersion', async () => {
		const store = open();
		const { orders } = repositories(store);
		await orders.execute('order-1', create('Ada'), ada);
		await orders.execute('order-1', addItem('a'), ada);
		await orders.execute('order-1', addItem('b', 2), ada);
		await orders.execute('order-1', { type: 'ChangeQuantity', lineId: 'a', quantity: 5 }, ada);
		await orders.execute('order-1', addItem('c'), ada);
		const follower = await follow(store);

		for (const toVersion of [3, 1, 5, 0, 4, 7, 2]) {
			const head = await store.streamVersion('order-1');
			await follower.through(() =>
				rewind(
					store,
					domainAggregates,
					{ streamId: 'order-1', toVersion, expectedVersion: head },
					ada
				)
			);
			const { state } = await orders.stateAt('order-1', { version: toVersion });
			expect(follower.rows['order-1']).toEqual(state);
			expect((await orders.load('order-1')).state).toEqual(state);
			expect(follower.rows).toEqual(await fullFold(store, orderList));
		}
	});

	it('after undo and redo chains, the row equals the aggregate’s state at every step', async () => {
		const store = open();
		const { orders, accounts } = repositories(store);
		const stack = new UndoStack(store, domainAggregates, () => ada);
		const execute = (streamId: string, command: object) =>
			repositories(store)[streamId.startsWith('order-') ? 'orders' : 'accounts'].execute(
				streamId,
				command,
				ada
			) as Promise<{ commandId: string; version: number; events: unknown[] }>;
		const orderRows = await follow(store);
		const balanceRows = await follow<{ balanceCents: number }>(store, balances as never);
		const run = async (streamId: string, command: object) => {
			const follower = streamId.startsWith('order-') ? orderRows : balanceRows;
			const result = await follower.through(() => execute(streamId, command));
			const before = result.version - result.events.length;
			stack.record({
				streamId,
				commandId: result.commandId,
				label: JSON.stringify(command),
				before,
				after: result.version
			});
		};
		const check = async () => {
			expect(orderRows.rows['order-1']).toEqual((await orders.load('order-1')).state);
			const account = (await accounts.load('account-1')).state;
			expect(balanceRows.rows['account-1']?.balanceCents ?? 0).toBe(
				account.status === 'none' ? 0 : account.balanceCents
			);
			expect(orderRows.rows).toEqual(await fullFold(store, orderList));
			expect(balanceRows.rows).toEqual(await fullFold(store, balances));
		};
		await run('order-1', create('Ada'));
		await run('account-1', { type: 'OpenAccount', holderName: 'Ada', currency: 'EUR' });
		await run('order-1', addItem('a'));
		await run('account-1', { type: 'Deposit', amountCents: 700 });
		await run('order-1', addItem('b'));
		await run('account-1', { type: 'Withdraw', amountCents: 300 });

		const followerOf = (streamId: string) =>
			streamId.startsWith('order-') ? orderRows : balanceRows;
		for (const action of ['undo', 'undo', 'undo', 'redo', 'undo', 'undo', 'undo', 'redo', 'redo']) {
			const streamId = get(action === 'undo' ? stack.nextUndo : stack.nextRedo)!.streamId;
			await followerOf(streamId).through(() => (action === 'undo' ? stack.undo() : stack.redo()));
			await check();
		}
	});

	it('a reload folds a rewind written while no runner was looking', async () => {
		const store = open();
		const orders = await threeOrders(store);
		await orders.execute('order-2', addItem('c'), ada);
		await stopped(await follow(store));
		await rewind(
			store,
			domainAggregates,
			{ streamId: 'order-2', toVersion: 2, expectedVersion: 3 },
			ada
		);

		const reloaded = await follow(store);
		expect(reloaded.rows['order-2']).toMatchObject({ status: 'draft' });
		expect(reloaded.rows).toEqual(await fullFold(store, orderList));
	});
});

describe('ProjectionRunner: discarded events', () => {
	it('refolds the affected rows: a partly discarded record shows what is left, a wholly discarded one disappears', async () => {
		const store = open();
		const orders = await threeOrders(store);
		await orders.execute('order-1', { type: 'SubmitOrder' }, ada);
		const follower = await follow(store);

		await follower.through(() => store.discardPending('order-1', 3));
		expect(follower.rows['order-1']).toMatchObject({ status: 'draft' });
		expect(follower.rows['order-1']).toEqual((await orders.load('order-1')).state);

		await follower.through(() => store.discardPending('order-2', 1));
		expect(Object.keys(follower.rows).sort()).toEqual(['order-1', 'order-3']);
		expect(follower.rows).toEqual(await fullFold(store, orderList));

		// The record goes on from what is left.
		await follower.through(() => orders.execute('order-2', create('Someone else'), ada));
		await follower.through(() => orders.execute('order-1', addItem('z'), ada));
		expect(follower.rows).toEqual(await fullFold(store, orderList));
	});

	it('a checkpoint saved before a discard, loaded after it, shows none of the discarded events', async () => {
		const store = open();
		const orders = await threeOrders(store);
		await orders.execute('order-1', { type: 'SubmitOrder' }, ada);
		await orders.execute('order-3', addItem('b'), ada);
		await stopped(await follow(store));
		const { rewriteId } = (await checkpointOf(store))!;

		// While the app is closed: discards with nothing after them (only the rewrites journal can
		// tell), and a discard whose versions are written again by new events.
		await store.discardPending('order-1', 3);
		await store.discardPending('order-2', 1);
		await store.discardPending('order-3', 2);
		await orders.execute('order-3', addItem('c', 4), ada);
		await orders.execute('order-3', addItem('d', 5), ada);

		const rewrites = vi.spyOn(store, 'rewritesSince');
		const reloaded = await follow(store);
		expect(rewrites).toHaveBeenCalledWith(rewriteId);
		expect(reloaded.rows).toEqual(await fullFold(store, orderList));
		expect(reloaded.rows['order-1']).toMatchObject({ status: 'draft' });
		expect(reloaded.rows['order-2']).toBeUndefined();
		expect(
			(reloaded.rows['order-3'] as { items: { lineId: string }[] }).items.map((l) => l.lineId)
		).toEqual(['c', 'd']);

		// And the checkpoint it saves is past those rewrites: another reload agrees.
		await stopped(reloaded);
		expect((await checkpointOf(store))!.rewriteId).toBe((await store.rewritesSince(0)).at(-1)!.id);
		const again = await follow(store);
		expect(again.rows).toEqual(await fullFold(store, orderList));
	});
});
