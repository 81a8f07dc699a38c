import { get, readable, type Readable } from 'svelte/store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OrderState } from '../../src/lib/domain';
import type { EventStore, LogListener } from '../../src/lib/eventstore';
import { databaseOf, StoreTracker, uniqueName, within } from '../../src/lib/eventstore/testing';
import {
	defineProjection,
	readModelStore,
	type ListView,
	type ReadModelStatus
} from '../../src/lib/projections';
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

// The Svelte stores over a read model: one shared runner for every subscriber of a list, its
// status and its rows, started by the first and stopped by the last; what they show follows
// every commit, in this tab and others, and equals a fold of the whole log.

const stores = new StoreTracker();
const unsubscribes: (() => void)[] = [];

afterEach(async () => {
	for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
	// Let stopped runners save before the databases close.
	await quiet(20);
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
	stores.closeAll();
});

const TIMEOUT = 3000;
/** The app's orders as a list: newest first by the customer's name, grouped by status. */
const orders = defineProjection<OrderState>({
	...orderList,
	list: {
		order: (row) => (row.status === 'none' ? undefined : row.customerName),
		group: (row) => row.status,
		searchText: (row) => (row.status === 'none' ? '' : row.customerName)
	}
});

function open(name = uniqueName()): EventStore {
	return stores.open(name, domainRegistry);
}

function hold<T>(store: Readable<T>, run: (value: T) => void = () => undefined) {
	const unsubscribe = store.subscribe(run);
	unsubscribes.push(unsubscribe);
	return unsubscribe;
}

/** The first value the store publishes that satisfies `predicate`. */
function valueWhere<T>(store: Readable<T>, predicate: (value: T) => boolean, what: string) {
	let stop: (() => void) | undefined;
	const found = new Promise<T>((resolve) => {
		stop = store.subscribe((value) => {
			if (predicate(value)) resolve(value);
		});
	});
	return within(found, TIMEOUT, what).finally(() => stop?.());
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

const createOrder = (customerName: string) => ({
	type: 'CreateOrder',
	customerName,
	currency: 'EUR'
});

describe('readModelStore: the Svelte store contract', () => {
	it('gives a subscriber at once a status that is neither loaded nor ready', () => {
		const views: ReadModelStatus[] = [];
		const unsubscribe = readModelStore(open(), orders).subscribe((view) => views.push(view));
		unsubscribes.push(unsubscribe);
		expect(typeof unsubscribe).toBe('function');
		expect(views).toEqual([
			{ loaded: false, ready: false, tallies: { count: 0, groups: {}, sums: {} } }
		]);
	});

	it('lists the rows folded from the log, in the list’s order, with their counts', async () => {
		const store = open();
		const repository = repositories(store).orders;
		await repository.execute('order-1', createOrder('Cy'), ada);
		await repository.execute('order-2', createOrder('Ada'), ada);
		await repository.execute('order-2', { type: 'CancelOrder' }, ada);
		const model = readModelStore(store, orders);
		const status = await valueWhere(model, (view) => view.ready, 'ready');
		expect(status.tallies).toEqual({ count: 2, groups: { draft: 1, cancelled: 1 }, sums: {} });
		const page = await valueWhere(
			model.list(readable({ limit: 10 })),
			(view) => view.total !== undefined,
			'a page with its total'
		);
		expect(page.rows.map(({ key }) => key)).toEqual(['order-2', 'order-1']);
		expect(page.total).toBe(2);
		const drafts = await valueWhere(
			model.list(readable({ group: 'draft', limit: 10 })),
			(view) => view.loaded,
			'the drafts'
		);
		expect(drafts.rows.map(({ key }) => key)).toEqual(['order-1']);
	});

	it('serves its list, status and rows from one runner: one log subscription, one load', async () => {
		const store = open();
		const repository = repositories(store).orders;
		await repository.execute('order-1', createOrder('Ada'), ada);
		const listeners = countListeners(store);
		const readLocal = vi.spyOn(store, 'readLocal');
		const model = readModelStore(store, orders);
		hold(model);
		hold(model.list(readable({ limit: 10 })));
		const rows = model.rows(readable(['order-1']));
		hold(rows);
		await valueWhere(model, (view) => view.ready, 'the shared runner to load');
		expect(listeners.total).toBe(1);
		expect(readLocal).toHaveBeenCalledTimes(1);

		const cancelled = valueWhere(
			rows,
			(view) => view.get('order-1')?.status === 'cancelled',
			'the update'
		);
		await repository.execute('order-1', { type: 'CancelOrder' }, ada);
		await cancelled;
		// The append handed its events over: no read of the log.
		expect(readLocal).toHaveBeenCalledTimes(1);
		expect(listeners.total).toBe(1);
	});

	it('stops its runner after the last subscriber leaves, and a new one catches up', async () => {
		const store = open();
		const repository = repositories(store).orders;
		const listeners = countListeners(store);
		const model = readModelStore(store, orders);
		const leaveFirst = hold(model);
		const leaveSecond = hold(model.list(readable({ limit: 10 })));
		await valueWhere(model, (view) => view.ready, 'ready');
		expect(listeners.active).toBe(1);
		leaveFirst();
		expect(listeners.active).toBe(1);
		leaveSecond();
		expect(listeners.active).toBe(0);

		await repository.execute('order-1', createOrder('Ada'), ada);
		const view = await valueWhere(
			model.list(readable({ limit: 10 })),
			(page) => page.rows.length === 1,
			'the new runner'
		);
		expect(view.rows[0]).toMatchObject({ key: 'order-1', row: { customerName: 'Ada' } });
		expect(listeners.total).toBe(2);
	});

	it('preload() starts the runner before anyone subscribes, and lets it go after the hold', async () => {
		const store = open();
		await repositories(store).orders.execute('order-1', createOrder('Ada'), ada);
		const listeners = countListeners(store);
		const model = readModelStore(store, orders);
		model.preload(300);
		expect(listeners.active).toBe(1);
		await within(
			(async () => {
				while (!(await store.readModels.state(orders.name))) await quiet(5);
			})(),
			TIMEOUT,
			'the preloaded read model'
		);
		await quiet(400);
		expect(listeners.active).toBe(0);
	});

	it('touches nothing and stays empty where there is no IndexedDB (server rendering)', async () => {
		const store = open();
		vi.stubGlobal('indexedDB', undefined);
		const subscribe = vi.spyOn(store, 'subscribe');
		const readLocal = vi.spyOn(store, 'readLocal');
		const model = readModelStore(store, orders);
		const list = model.list(readable({ limit: 10 }));
		expect(get(model)).toMatchObject({ loaded: false, ready: false });
		expect(get(list)).toEqual({ rows: [], total: undefined, loaded: false });
		expect(get(model.rows(readable(['order-1'])))).toEqual(new Map());
		await quiet();
		expect(subscribe).not.toHaveBeenCalled();
		expect(readLocal).not.toHaveBeenCalled();
		expect(databaseOf(store).isOpen()).toBe(false);
	});
});

describe('readModelStore: following the log', () => {
	it('after every commit, the rows equal a fold of the whole log', async () => {
		const store = open();
		const { orders: orderRepository, accounts } = repositories(store);
		const orderRows = readModelStore(store, orders).rows(readable(['order-1']));
		const balanceRows = readModelStore(store, balances).rows(readable(['account-1']));
		hold(orderRows);
		hold(balanceRows);
		const steps: (() => Promise<unknown>)[] = [
			() => orderRepository.execute('order-1', createOrder('Ada'), ada),
			() =>
				orderRepository.execute(
					'order-1',
					{ type: 'AddItem', lineId: 'l1', name: 'Mug', unitPriceCents: 1250, quantity: 2 },
					ada
				),
			() => orderRepository.execute('order-1', { type: 'SubmitOrder' }, ada),
			() =>
				accounts.execute(
					'account-1',
					{ type: 'OpenAccount', holderName: 'Ada', currency: 'EUR' },
					ada
				),
			() => accounts.execute('account-1', { type: 'Deposit', amountCents: 500 }, ada),
			() => accounts.execute('account-1', { type: 'Withdraw', amountCents: 200 }, ada)
		];
		for (const write of steps) {
			await write();
			const expectedOrders = await fullFold(store, orders);
			const expectedBalances = await fullFold(store, balances);
			await valueWhere(
				orderRows,
				(rows) => JSON.stringify(table(rows)) === JSON.stringify(expectedOrders),
				'the orders after a commit'
			);
			await valueWhere(
				balanceRows,
				(rows) => JSON.stringify(table(rows)) === JSON.stringify(expectedBalances),
				'the balances after a commit'
			);
		}
		expect(get(balanceRows).get('account-1')).toEqual({
			holderName: 'Ada',
			status: 'open',
			balanceCents: 300,
			movements: 2
		});
	});

	it('follows a commit made in another tab (another EventStore on the same database)', async () => {
		const name = uniqueName();
		const store = open(name);
		const otherTab = open(name);
		const list = readModelStore(store, orders).list(readable({ limit: 10 }));
		hold(list);
		await valueWhere(list, (view) => view.loaded, 'loaded');
		await repositories(otherTab).orders.execute('order-7', createOrder('Bob'), bob);
		const view = await valueWhere(list, (page) => page.rows.length === 1, 'the other tab’s order');
		expect(view.rows[0]).toMatchObject({ key: 'order-7', row: { customerName: 'Bob' } });
	});

	it('drops a record whose events another tab discarded', async () => {
		const name = uniqueName();
		const store = open(name);
		const otherTab = open(name);
		const repository = repositories(store).orders;
		await repository.execute('order-1', createOrder('Ada'), ada);
		await repository.execute('order-2', createOrder('Eve'), ada);
		const list = readModelStore(store, orders).list(readable({ limit: 10 }));
		hold(list);
		await valueWhere(list, (page) => page.rows.length === 2, 'both orders');
		await otherTab.discardPending('order-1', 1);
		const view: ListView<OrderState> = await valueWhere(
			list,
			(page) => page.rows.length === 1,
			'the discard in the other tab'
		);
		expect(view.rows.map(({ key }) => key)).toEqual(['order-2']);
		expect(view.total).toBe(1);
	});

	it('rebuild() folds the whole log again and lists the same rows', async () => {
		const store = open();
		await repositories(store).orders.execute('order-1', createOrder('Ada'), ada);
		const model = readModelStore(store, orders);
		hold(model);
		await valueWhere(model, (view) => view.ready, 'ready');
		const readLocal = vi.spyOn(store, 'readLocal');
		await model.rebuild();
		expect(readLocal.mock.calls[0]![0]).toMatchObject({ afterSeq: 0 });
		const [entry] = await store.readModels.entries<OrderState>(orders.name, ['order-1']);
		expect(table(new Map([['order-1', entry!.row]]))).toEqual(await fullFold(store, orders));
		expect(get(model).tallies.count).toBe(1);
	});
});
