// Exports read the log itself: orders folded from every page of it (rewinds resolved, synced
// and pending alike), and the activity log as NDJSON in canonical order.
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { readOrders } from '../../src/lib/app/exports/read-orders';
import { activityLogParts } from '../../src/lib/app/exports/activity-log';
import { toCsv } from '../../src/lib/app/exports/csv';
import { orderRows } from '../../src/lib/domain/exports/order-rows';
import { acceptOnServer, databaseOf, StoreTracker } from '../../src/lib/eventstore/testing';
import { rewind } from '../../src/lib/undo/rewind';
import { ada, domainAggregates, domainRegistry, repositories } from './domain-harness';

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

async function shop() {
	const store = stores.open(undefined, domainRegistry);
	const { orders, accounts } = repositories(store);
	await orders.execute(
		'order-a',
		{ type: 'CreateOrder', customerName: 'Ada', currency: 'EUR' },
		ada
	);
	await orders.execute(
		'order-a',
		{ type: 'AddItem', lineId: 'l1', name: 'Mug', unitPriceCents: 1250, quantity: 2 },
		ada
	);
	await orders.execute(
		'order-a',
		{ type: 'AddItem', lineId: 'l2', name: 'Pot', unitPriceCents: 3000, quantity: 1 },
		ada
	);
	// The pot is undone: the export shows the order as it is now.
	await rewind(
		store,
		domainAggregates,
		{ streamId: 'order-a', toVersion: 2, expectedVersion: 3 },
		ada
	);
	await orders.execute(
		'order-b',
		{ type: 'CreateOrder', customerName: 'Bob', currency: 'JPY' },
		ada
	);
	await orders.execute(
		'order-b',
		{ type: 'AddItem', lineId: 'l1', name: 'Tea', unitPriceCents: 500, quantity: 3 },
		ada
	);
	await accounts.execute(
		'account-1',
		{ type: 'OpenAccount', holderName: 'Ada', currency: 'EUR' },
		ada
	);
	return store;
}

describe('readOrders', () => {
	it('folds every order from the log, rewinds resolved, newest change first', async () => {
		const store = await shop();
		const orders = await readOrders(store);
		expect(orders.map(({ id }) => id)).toEqual(['b', 'a']);
		expect(orders[1]!.order.items.map((line) => line.name)).toEqual(['Mug']);

		const csv = toCsv(orderRows(orders, 'item'));
		const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
		expect(parsed.data.map((row) => [row.order_id, row.item, row.line_total])).toEqual([
			['b', 'Tea', '1500'],
			['a', 'Mug', '25.00']
		]);
	});

	it('reads a log longer than one page', async () => {
		const store = stores.open(undefined, domainRegistry);
		const { orders } = repositories(store);
		await orders.execute(
			'order-x',
			{ type: 'CreateOrder', customerName: 'X', currency: 'EUR' },
			ada
		);
		await orders.execute(
			'order-x',
			{ type: 'AddItem', lineId: 'l1', name: 'Nail', unitPriceCents: 1, quantity: 1 },
			ada
		);
		for (let i = 0; i < 2_050; i++) {
			await orders.execute('order-x', { type: 'AdjustQuantity', lineId: 'l1', by: 1 }, ada);
		}
		const [order] = await readOrders(store);
		expect(await store.lastSeq()).toBeGreaterThan(2_000);
		expect(order!.order.items[0]!.quantity).toBe(2_051);
	});
});

describe('activityLogParts', () => {
	it('writes every event once, a line each, synced by position before pending', async () => {
		const store = await shop();
		const db = databaseOf(store);
		// The last event (the account's opening) reached the server; the rest wait.
		const last = await store.lastSeq();
		await acceptOnServer(db, last, { position: 1, recordedAt: '2026-03-01T10:00:00.000Z' });

		const { parts, count } = await activityLogParts(store);
		expect(count).toBe(last);
		const lines = parts.join('').split('\n');
		expect(lines.pop()).toBe('');
		const events = lines.map(
			(line) => JSON.parse(line) as { seq: number; sync: string; position?: number }
		);
		expect(events).toHaveLength(last);
		expect(events[0]).toMatchObject({ type: 'AccountOpened', sync: 'synced', position: 1 });
		expect(events.slice(1).map((event) => event.sync)).toEqual(Array(last - 1).fill('pending'));
		expect(new Set(events.map((event) => event.seq)).size).toBe(last);
	});

	it('writes nothing for an empty log', async () => {
		expect(await activityLogParts(stores.open(undefined, domainRegistry))).toEqual({
			parts: [],
			count: 0
		});
	});
});
