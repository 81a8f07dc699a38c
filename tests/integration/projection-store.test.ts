import { get, type Readable } from 'svelte/store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OrderState } from '../../src/lib/domain';
import type { EventStore, LogListener } from '../../src/lib/eventstore';
import { databaseOf, StoreTracker, uniqueName, within } from '../../src/lib/eventstore/testing';
import type { Checkpoint } from '../../src/lib/projections/checkpoint';
import type { ProjectionView } from '../../src/lib/projections/projection-store';
import { projectionStore } from '../../src/lib/projections/projection-store';
import {
	ada,
	balances,
	bob,
	domainRegistry,
	fullFold,
	orderList,
	quiet,
	repositories,
	table
} from './domain-harness';

const stores = new StoreTracker();
const unsubscribes: (() => void)[] = [];

afterEach(async () => {
	for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
	// Let stopped runners write their last checkpoint before the databases close.
	await quiet(20);
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
	stores.closeAll();
});

const VIEW_TIMEOUT = 3000;

function open(name = uniqueName()): EventStore {
	return stores.open(name, domainRegistry);
}

function hold<Row>(store: Readable<ProjectionView<Row>>, run: (view: ProjectionView<Row>) => void) {
	const unsubscribe = store.subscribe(run);
	unsubscribes.push(unsubscribe);
	return unsubscribe;
}

/** The first value the store publishes that satisfies `predicate`. */
function viewWhere<Row>(
	store: Readable<ProjectionView<Row>>,
	predicate: (view: ProjectionView<Row>) => boolean,
	what: string
): Promise<ProjectionView<Row>> {
	let stop: (() => void) | undefined;
	const found = new Promise<ProjectionView<Row>>((resolve) => {
		stop = store.subscribe((view) => {
			if (predicate(view)) resolve(view);
		});
	});
	return within(found, VIEW_TIMEOUT, what).finally(() => stop?.());
}

/** The next value the store publishes after now (its current value is skipped). */
function nextView<Row>(store: Readable<ProjectionView<Row>>, what: string) {
	let skipped = false;
	return viewWhere(store, () => skipped || !(skipped = true), what);
}

/** Every value a new subscriber is given, up to the first ready one; the subscription stays. */
async function viewsUntilReady<Row>(store: Readable<ProjectionView<Row>>) {
	const views: ProjectionView<Row>[] = [];
	let ready: () => void = () => undefined;
	const done = new Promise<void>((resolve) => (ready = resolve));
	hold(store, (view) => {
		views.push(view);
		if (view.ready) ready();
	});
	await within(done, VIEW_TIMEOUT, 'the whole list');
	return views;
}

/** Counts the log listeners currently subscribed to `store`. */
function countListeners(store: EventStore) {
	const counter = { active: 0, total: 0 };
	const subscribe = store.subscribe.bind(store);
	vi.spyOn(store, 'subscribe').mockImplementation((listener: LogListener) => {
		counter.active++;
		counter.total++;
		const unsubscribe = subscribe(listener);
		let done = false;
		return () => {
			if (!done) counter.active--;
			done = true;
			unsubscribe();
		};
	});
	return counter;
}

describe('projectionStore: the Svelte store contract', () => {
	it('subscribe calls the subscriber at once with an empty, not-ready view and returns an unsubscribe function', () => {
		const store = open();
		const views: ProjectionView<unknown>[] = [];
		const unsubscribe = projectionStore(store, orderList).subscribe((view) => views.push(view));
		expect(typeof unsubscribe).toBe('function');
		expect(views).toHaveLength(1);
		expect(views[0]!.ready).toBe(false);
		expect(views[0]!.rows.size).toBe(0);
		unsubscribes.push(unsubscribe);
	});

	it('becomes ready with the rows folded from the log', async () => {
		const store = open();
		const { orders } = repositories(store);
		await orders.execute(
			'order-1',
			{ type: 'CreateOrder', customerName: 'Ada', currency: 'EUR' },
			ada
		);
		const view = await viewWhere(projectionStore(store, orderList), (v) => v.ready, 'ready');
		expect(table(view.rows)).toEqual(await fullFold(store, orderList));
		expect(view.rows.get('order-1')).toMatchObject({ status: 'draft', customerName: 'Ada' });
	});

	it('serves every subscriber from one shared runner: one log subscription, one load', async () => {
		const store = open();
		const { orders } = repositories(store);
		await orders.execute(
			'order-1',
			{ type: 'CreateOrder', customerName: 'Ada', currency: 'EUR' },
			ada
		);
		const listeners = countListeners(store);
		const readLocal = vi.spyOn(store, 'readLocal');
		const checkpointReads = vi.spyOn(databaseOf(store).checkpoints, 'get');
		const projection = projectionStore(store, orderList);

		const first: ProjectionView<unknown>[] = [];
		const second: ProjectionView<unknown>[] = [];
		hold(projection, (view) => first.push(view));
		hold(projection, (view) => second.push(view));
		await viewWhere(projection, (view) => view.ready, 'the shared runner to load');

		expect(listeners.total).toBe(1);
		expect(checkpointReads).toHaveBeenCalledTimes(1);
		expect(readLocal).toHaveBeenCalledTimes(1);
		expect(first.at(-1)).toBe(second.at(-1));

		const updated = nextView(projection, 'the update');
		await orders.execute('order-1', { type: 'CancelOrder' }, ada);
		const view = await updated;
		expect(view.rows.get('order-1')).toMatchObject({ status: 'cancelled' });
		// One fold of the commit, seen by both, and no read: the append handed its events over.
		expect(readLocal).toHaveBeenCalledTimes(1);
		expect(first.at(-1)).toBe(view);
		expect(second.at(-1)).toBe(view);
		expect(listeners.total).toBe(1);
	});

	it('stops its runner after the last subscriber leaves: no more log listening, no more reads', async () => {
		const store = open();
		const { orders } = repositories(store);
		const listeners = countListeners(store);
		const readLocal = vi.spyOn(store, 'readLocal');
		const projection = projectionStore(store, orderList);
		const leaveFirst = hold(projection, () => {});
		const leaveSecond = hold(projection, () => {});
		await viewWhere(projection, (view) => view.ready, 'ready');
		expect(listeners.active).toBe(1);

		leaveFirst();
		expect(listeners.active).toBe(1);
		leaveSecond();
		expect(listeners.active).toBe(0);
		await quiet();

		readLocal.mockClear();
		await orders.execute(
			'order-1',
			{ type: 'CreateOrder', customerName: 'Ada', currency: 'EUR' },
			ada
		);
		await quiet(100);
		expect(readLocal).not.toHaveBeenCalled();

		// A new subscriber starts a fresh runner that catches up.
		hold(projection, () => {});
		const view = await viewWhere(projection, (v) => v.ready && v.rows.has('order-1'), 'restart');
		expect(table(view.rows)).toEqual(await fullFold(store, orderList));
		expect(listeners.active).toBe(1);
		expect(listeners.total).toBe(2);
	});

	it('preload() loads before anyone subscribes; the subscriber then gets the rows at once; the hold ends', async () => {
		const store = open();
		const { orders } = repositories(store);
		await orders.execute(
			'order-1',
			{ type: 'CreateOrder', customerName: 'Ada', currency: 'EUR' },
			ada
		);
		const listeners = countListeners(store);
		const projection = projectionStore(store, orderList);

		projection.preload(300);
		expect(listeners.active).toBe(1);
		// The load writes the first checkpoint: the runner ran with no subscriber.
		await within(
			(async () => {
				while (!(await databaseOf(store).checkpoints.get(orderList.name))) await quiet(5);
			})(),
			VIEW_TIMEOUT,
			'the preloaded checkpoint'
		);
		const first: ProjectionView<unknown>[] = [];
		hold(projection, (view) => first.push(view));
		expect(first[0]).toMatchObject({ ready: true });
		expect(first[0]!.rows.get('order-1')).toMatchObject({ customerName: 'Ada' });

		await quiet(400);
		// The hold ended; the subscriber's runner is the same one, still listening.
		expect(listeners).toEqual({ active: 1, total: 1 });
		unsubscribes.pop()!();
		expect(listeners.active).toBe(0);
	});

	it("shows the projection's preview before the whole checkpoint is read, then the whole list", async () => {
		const store = open();
		const { orders } = repositories(store);
		for (const [index, customerName] of ['Ada', 'Bob', 'Cy'].entries()) {
			const command = { type: 'CreateOrder', customerName, currency: 'EUR' };
			await orders.execute(`order-${index + 1}`, command, ada);
		}
		const nameOf = (row: OrderState) => (row.status === 'none' ? '' : row.customerName);
		const list = {
			...orderList,
			name: 'test-order-preview',
			// The first page: the last two names, in reverse.
			preview: {
				count: 2,
				compare: (a: OrderState, b: OrderState) => (nameOf(a) < nameOf(b) ? 1 : -1)
			}
		};
		// The first load writes the checkpoint, and the preview beside it.
		await viewWhere(projectionStore(store, list), (view) => view.ready, 'the first load');

		const views = await viewsUntilReady(projectionStore(store, list));
		const seen = views.map((view) => [view.ready, view.preview ?? false, [...view.rows.keys()]]);
		expect(seen).toEqual([
			[false, false, []],
			[false, true, ['order-3', 'order-2']],
			[true, false, ['order-1', 'order-2', 'order-3']]
		]);
	});

	it('a projection without a preview goes straight from nothing to the whole list', async () => {
		const store = open();
		const { orders } = repositories(store);
		await orders.execute(
			'order-1',
			{ type: 'CreateOrder', customerName: 'Ada', currency: 'EUR' },
			ada
		);
		await viewWhere(projectionStore(store, orderList), (view) => view.ready, 'the first load');
		const views = await viewsUntilReady(projectionStore(store, orderList));
		expect(views.map((view) => view.preview ?? false)).toEqual([false, false]);
		expect(await databaseOf(store).checkpoints.get(`${orderList.name}:preview`)).toBeUndefined();
	});

	it('a subscriber that comes back after all had left is not shown stale rows as ready', async () => {
		const name = uniqueName();
		const store = open(name);
		const otherTab = open(name);
		const projection = projectionStore(store, orderList);
		const leave = hold(projection, () => {});
		await viewWhere(projection, (view) => view.ready, 'ready');
		leave();
		await quiet();
		// While nobody here was looking, another tab changed the log.
		await repositories(otherTab).orders.execute(
			'order-1',
			{ type: 'CreateOrder', customerName: 'Bob', currency: 'EUR' },
			bob
		);
		await quiet();

		const views: ProjectionView<unknown>[] = [];
		hold(projection, (view) => views.push(view));
		const current = await fullFold(store, orderList);
		const first = views[0]!;
		// "ready" means the rows are the log's: either not ready yet, or already current.
		expect(first.ready ? table(first.rows) : current).toEqual(current);
		await viewWhere(projection, (view) => view.rows.has('order-1'), 'the new runner');
	});

	it('touches nothing and stays empty and not ready where there is no IndexedDB (server rendering)', async () => {
		const store = open();
		vi.stubGlobal('indexedDB', undefined);
		const subscribe = vi.spyOn(store, 'subscribe');
		const readLocal = vi.spyOn(store, 'readLocal');
		const readStream = vi.spyOn(store, 'readStream');
		const rewrites = vi.spyOn(store, 'rewritesSince');
		const checkpoint = vi.spyOn(databaseOf(store).checkpoints, 'get');

		const projection = projectionStore(store, orderList);
		const views: ProjectionView<unknown>[] = [];
		const unsubscribe = projection.subscribe((view) => views.push(view));
		expect(typeof unsubscribe).toBe('function');
		expect(get(projection)).toEqual({ rows: new Map(), ready: false });
		await quiet();
		unsubscribe();

		expect(views).toEqual([{ rows: new Map(), ready: false }]);
		for (const spy of [subscribe, readLocal, readStream, rewrites, checkpoint]) {
			expect(spy).not.toHaveBeenCalled();
		}
		expect(databaseOf(store).isOpen()).toBe(false);
	});
});

describe('projectionStore: following the log', () => {
	it('updates after every commit, each time equal to a fold of the whole log', async () => {
		const store = open();
		const { orders, accounts } = repositories(store);
		const orderView = projectionStore(store, orderList);
		const balanceView = projectionStore(store, balances);
		hold(orderView, () => {});
		hold(balanceView, () => {});
		await viewWhere(orderView, (view) => view.ready, 'orders ready');
		await viewWhere(balanceView, (view) => view.ready, 'balances ready');

		const steps: [() => Promise<unknown>, Readable<ProjectionView<unknown>>][] = [
			[
				() =>
					orders.execute(
						'order-1',
						{ type: 'CreateOrder', customerName: 'Ada', currency: 'EUR' },
						ada
					),
				orderView
			],
			[
				() =>
					orders.execute(
						'order-1',
						{ type: 'AddItem', lineId: 'l1', name: 'Mug', unitPriceCents: 1250, quantity: 2 },
						ada
					),
				orderView
			],
			[() => orders.execute('order-1', { type: 'SubmitOrder' }, ada), orderView],
			[
				() =>
					accounts.execute(
						'account-1',
						{ type: 'OpenAccount', holderName: 'Ada', currency: 'EUR' },
						ada
					),
				balanceView
			],
			[
				() => accounts.execute('account-1', { type: 'Deposit', amountCents: 500 }, ada),
				balanceView
			],
			[
				() => accounts.execute('account-1', { type: 'Withdraw', amountCents: 200 }, ada),
				balanceView
			]
		];
		for (const [write, view] of steps) {
			const next = nextView(view, 'the rows after a commit');
			await write();
			await next;
			expect(table(get(orderView).rows)).toEqual(await fullFold(store, orderList));
			expect(table(get(balanceView).rows)).toEqual(await fullFold(store, balances));
		}
		expect(get(balanceView).rows.get('account-1')).toEqual({
			holderName: 'Ada',
			status: 'open',
			balanceCents: 300,
			movements: 2
		});
		expect(get(orderView).rows.get('order-1')).toMatchObject({ status: 'submitted' });
	});

	it('updates after a commit made in another tab (another EventStore on the same database)', async () => {
		const name = uniqueName();
		const store = open(name);
		const otherTab = open(name);
		const projection = projectionStore(store, orderList);
		hold(projection, () => {});
		await viewWhere(projection, (view) => view.ready, 'ready');

		const { orders } = repositories(otherTab);
		const next = nextView(projection, 'the other tab’s commit');
		await orders.execute(
			'order-7',
			{ type: 'CreateOrder', customerName: 'Bob', currency: 'GBP' },
			bob
		);
		const view = await next;
		expect(view.rows.get('order-7')).toMatchObject({ status: 'draft', customerName: 'Bob' });
		expect(table(view.rows)).toEqual(await fullFold(store, orderList));
	});

	it('drops a record whose events another tab discarded', async () => {
		const name = uniqueName();
		const store = open(name);
		const otherTab = open(name);
		const { orders } = repositories(store);
		await orders.execute(
			'order-1',
			{ type: 'CreateOrder', customerName: 'Ada', currency: 'EUR' },
			ada
		);
		await orders.execute(
			'order-2',
			{ type: 'CreateOrder', customerName: 'Eve', currency: 'EUR' },
			ada
		);
		const projection = projectionStore(store, orderList);
		hold(projection, () => {});
		await viewWhere(projection, (view) => view.ready, 'ready');

		const next = nextView(projection, 'the discard in the other tab');
		await otherTab.discardPending('order-1', 1);
		const view = await next;
		expect([...view.rows.keys()]).toEqual(['order-2']);
	});

	it('rebuild() refolds the whole log while subscribed, and drops the checkpoint while not', async () => {
		const store = open();
		const { orders } = repositories(store);
		await orders.execute(
			'order-1',
			{ type: 'CreateOrder', customerName: 'Ada', currency: 'EUR' },
			ada
		);
		const projection = projectionStore(store, orderList);
		const leave = hold(projection, () => {});
		await viewWhere(projection, (view) => view.ready, 'ready');

		const readLocal = vi.spyOn(store, 'readLocal');
		await projection.rebuild();
		expect(readLocal.mock.calls[0]![0]).toMatchObject({ afterSeq: 0 });
		expect(table(get(projection).rows)).toEqual(await fullFold(store, orderList));

		leave();
		await quiet();
		expect(await databaseOf(store).checkpoints.get(orderList.name)).toBeDefined();
		await projection.rebuild();
		expect(await databaseOf(store).checkpoints.get(orderList.name)).toBeUndefined();
	});

	it('a glance with get() (subscribe and unsubscribe at once) leaves the stored checkpoint as it was', async () => {
		const store = open();
		const { orders } = repositories(store);
		await orders.execute(
			'order-1',
			{ type: 'CreateOrder', customerName: 'Ada', currency: 'EUR' },
			ada
		);
		const projection = projectionStore(store, orderList);
		const leave = hold(projection, () => {});
		await viewWhere(projection, (view) => view.ready, 'ready');
		leave();
		await quiet();
		const saved = await store.readCheckpoint<Checkpoint>(orderList.name);
		expect(saved?.records).toHaveLength(1);

		// The glance sees the rows it had, not yet as current: no runner reload happened.
		const glance = get(projection);
		expect([...glance.rows.keys()]).toEqual(['order-1']);
		expect(glance.ready).toBe(false);
		await quiet();
		// The glance folded nothing, so it has nothing to say about the log: the checkpoint stays.
		expect(await databaseOf(store).checkpoints.get(orderList.name)).toEqual(saved);
	});
});
