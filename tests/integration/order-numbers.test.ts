// Order numbers (issue 19, item 4): each device numbers the orders it creates on a series of
// its own, a stream, so two tabs of a device and two devices of a workspace can never issue
// the same number, and each series has no gaps. Run on the real event store (two tabs on one
// IndexedDB) and on the real server's handlers (two devices offline, then synced).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AggregateRepository } from '../../src/lib/aggregates';
import { issueOrderNumber, seriesRepository } from '../../src/lib/app/issue-order-number';
import { nameSeries } from '../../src/lib/app/name-series';
import {
	NumberBook,
	formatRecordNumber,
	orderAggregate,
	seriesAggregate,
	seriesNumbers,
	seriesStreamOf,
	type RecordNumber
} from '../../src/lib/domain';
import { EventStore } from '../../src/lib/eventstore';
import { foldRecords } from '../../src/lib/projections';
import type { SyncServer } from '../../src/lib/server/sync-server';
import { testBackends } from '../../src/lib/server/testing';
import { device, quickWorkspace, registry, startTestServer, type Device } from './sync-harness';

const create = (customerName: string) => ({ type: 'CreateOrder', customerName, currency: 'EUR' });

/** A tab: its own event store on the device's database, and its own repositories. */
function tab(database: string) {
	const store = new EventStore({ name: database, registry });
	return {
		store,
		orders: new AggregateRepository(store, orderAggregate),
		series: seriesRepository(store)
	};
}

/** What the "Create order" button does: create the order, then number it, one action. */
async function createNumbered(
	at: Pick<ReturnType<typeof tab>, 'orders' | 'series'>,
	who: { userId: string; deviceId: string },
	orderId: string,
	commandId = crypto.randomUUID()
) {
	await at.orders.execute(`order-${orderId}`, create(orderId), { ...who, commandId });
	await issueOrderNumber(at.series, who, `order-${orderId}`, commandId);
}

/** The number book as a device's log folds it, with every order of the log. */
async function bookOf(store: EventStore) {
	const events = await store.readAll();
	const rows = [...foldRecords(seriesNumbers, events).values()].map(({ row }) => row);
	const orders = [...new Set(events.map((event) => event.streamId))].filter((streamId) =>
		streamId.startsWith('order-')
	);
	return { book: new NumberBook(rows), rows, orders };
}

/** Every series' numbers run 1, 2, 3… with none missing and none twice. */
function expectGapFree(rows: { records: string[] }[]) {
	for (const { records } of rows) {
		expect(Object.keys(records).map(Number)).toEqual(records.map((_, index) => index));
		expect(new Set(records).size).toBe(records.length);
	}
}

describe('two tabs of one device', () => {
	const stores: EventStore[] = [];
	afterEach(() => {
		for (const store of stores.splice(0)) store.close();
	});

	it('issue unique numbers without a gap when they create orders at once', async () => {
		const database = `tabs-${crypto.randomUUID()}`;
		const [first, second] = [tab(database), tab(database)];
		stores.push(first.store, second.store);
		const who = { userId: 'ada', deviceId: 'device-counter' };
		const PER_TAB = 12;
		await Promise.all(
			[first, second].flatMap((at, index) =>
				Array.from({ length: PER_TAB }, (_, n) => createNumbered(at, who, `t${index}-${n}`))
			)
		);
		const { book, rows, orders } = await bookOf(first.store);
		expect(rows).toHaveLength(1);
		expect(rows[0]!.records).toHaveLength(2 * PER_TAB);
		expectGapFree(rows);
		const numbers = orders.map((streamId) => book.numberOf(streamId)?.number);
		expect(numbers.sort((a, b) => a! - b!)).toEqual(
			Array.from({ length: 2 * PER_TAB }, (_, index) => index + 1)
		);
	});

	it('issue one number for one action, however often it runs, in either tab', async () => {
		const database = `tabs-${crypto.randomUUID()}`;
		const [first, second] = [tab(database), tab(database)];
		stores.push(first.store, second.store);
		const who = { userId: 'ada', deviceId: 'device-counter' };
		const commandId = crypto.randomUUID();
		// A double-click in one tab, a retry in the other: one order, one number.
		await Promise.all([
			createNumbered(first, who, 'once', commandId),
			createNumbered(first, who, 'once', commandId),
			createNumbered(second, who, 'once', commandId)
		]);
		await createNumbered(second, who, 'next');
		const { book, rows } = await bookOf(second.store);
		expect(rows[0]!.records).toEqual(['order-once', 'order-next']);
		expect(book.numberOf('order-once')).toEqual({ prefix: 'COUN', number: 1, provisional: true });
	});

	it('issue no number for an order whose creation is refused', async () => {
		const at = tab(`tabs-${crypto.randomUUID()}`);
		stores.push(at.store);
		const who = { userId: 'ada', deviceId: 'device-counter' };
		await createNumbered(at, who, 'a');
		// The same order created again by a new action: refused, so nothing is numbered.
		await expect(createNumbered(at, who, 'a')).rejects.toThrow(/already been created/);
		const { state } = await at.series.load(seriesStreamOf(who.deviceId));
		expect(state).toEqual({ status: 'provisional', lastNumber: 1 });
	});

	it('cannot undo or restore a number: every event of a series seals it', async () => {
		const at = tab(`tabs-${crypto.randomUUID()}`);
		stores.push(at.store);
		const who = { userId: 'ada', deviceId: 'device-counter' };
		await createNumbered(at, who, 'a');
		await createNumbered(at, who, 'b');
		const { rewind } = await import('../../src/lib/undo');
		await expect(
			rewind(
				at.store,
				[seriesAggregate],
				{ streamId: seriesStreamOf(who.deviceId), toVersion: 1, expectedVersion: 2 },
				who
			)
		).rejects.toMatchObject({ name: 'SealedHistoryError' });
	});
});

describe.each(testBackends())('two devices offline, then synced, on $kind', (backend) => {
	let server: SyncServer;
	const devices: Device[] = [];

	beforeAll(async () => {
		server = await startTestServer({ database: await backend.open() });
	}, 60_000);
	afterAll(() => server?.close());
	afterEach(() => {
		for (const d of devices.splice(0)) d.store.close();
	});

	function offlineDevice(name: string) {
		const d = device(name, (request) => server.handle(request), { anonymousUserId: 'local-user' });
		devices.push(d);
		const series = seriesRepository(d.store);
		return { ...d, series, who: () => d.as() };
	}

	it('number every order once, unique in the workspace and gap-free per series', async () => {
		const ws = await quickWorkspace(server, ['Ada', 'Grace']);
		const ada = offlineDevice('ada-tablet');
		const grace = offlineDevice('grace-phone');

		// Offline, before anyone signs in: provisional prefixes, numbers from 1 on each device.
		for (let n = 0; n < 5; n++) await createNumbered(ada, ada.who(), `ada-${n}`);
		for (let n = 0; n < 3; n++) await createNumbered(grace, grace.who(), `grace-${n}`);
		const before = (await bookOf(ada.store)).book.numberOf('order-ada-4')!;
		expect(before).toMatchObject({ number: 5, provisional: true });

		// Each device joins: its work goes up, it gets its prefix and names its series.
		for (const [d, login] of [
			[ada, ws.logins[0]!],
			[grace, ws.logins[1]!]
		] as const) {
			await d.sync.login(login);
			expect(await d.sync.syncNow()).toBe('synced');
			await nameSeries(d.series, d.sync.people, d.who());
			// A second tab (or a retry) names it again: the series is named once.
			await nameSeries(d.series, d.sync.people, d.who());
		}
		// More orders, now with the prefix; then everyone catches up.
		await createNumbered(grace, grace.who(), 'grace-3');
		await createNumbered(ada, ada.who(), 'ada-5');
		for (const d of [ada, grace, ada]) expect(await d.sync.syncNow()).toBe('synced');

		const seen: string[][] = [];
		for (const d of [ada, grace]) {
			const { book, rows, orders } = await bookOf(d.store);
			expect(orders).toHaveLength(10);
			expectGapFree(rows);
			const numbers = orders.map((streamId) => book.numberOf(streamId));
			expect(numbers.every((number) => number && !number.provisional)).toBe(true);
			const labels = numbers.map((number) => formatRecordNumber(number as RecordNumber));
			expect(new Set(labels).size).toBe(orders.length);
			seen.push(labels.sort());
		}
		// Both devices read the same numbers, and each device's prefix is its own.
		expect(seen[0]).toEqual(seen[1]);
		expect(seen[0]).toEqual([
			'A-0001',
			'A-0002',
			'A-0003',
			'A-0004',
			'A-0005',
			'A-0006',
			'B-0001',
			'B-0002',
			'B-0003',
			'B-0004'
		]);
		const { book } = await bookOf(grace.store);
		expect(formatRecordNumber(book.numberOf('order-ada-4')!)).toBe('A-0005');
		expect(formatRecordNumber(book.numberOf('order-grace-3')!)).toBe('B-0004');
		// One SeriesNamed per series, however often it was asked for.
		const named = (await ada.store.readAll()).filter((event) => event.type === 'SeriesNamed');
		expect(named.map((event) => event.streamId).sort()).toEqual(
			[seriesStreamOf(ada.deviceId), seriesStreamOf(grace.deviceId)].sort()
		);
	});
});
