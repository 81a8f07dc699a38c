import { afterEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/lib/eventstore';
import { acceptOnServer, databaseOf, StoreTracker } from '../../src/lib/eventstore/testing';
import { rewind } from '../../src/lib/undo';
import { foldRecords } from '../../src/lib/projections/fold-records';
import { projectionAsOf } from '../../src/lib/projections/projection-as-of';
import {
	ada,
	balances,
	bob,
	domainRegistry,
	orderList,
	repositories,
	rowsOf,
	table,
	domainAggregates
} from './domain-harness';

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

const at = (time: string) => new Date(`2026-03-01T${time}:00.000Z`);

/** Marks a stream's events as the server accepted them: position and server time per version. */
async function acceptByServer(
	store: EventStore,
	streamId: string,
	accepted: Record<number, { position: number; recordedAt: Date }>
) {
	for (const [version, { position, recordedAt }] of Object.entries(accepted)) {
		const [event] = await store.readStream(streamId, {
			fromVersion: Number(version),
			toVersion: Number(version)
		});
		await acceptOnServer(databaseOf(store), event!.seq, {
			position,
			recordedAt: recordedAt.toISOString(),
			recordedBy: 'server-user'
		});
	}
}

/**
 * A morning at the stall. Device times: order-1 created 09:00, item 09:10, submitted 09:30;
 * account-1 opened 09:05, deposit 09:20, withdrawal 09:40; order-2 created 09:50 by Bob.
 */
async function morning() {
	const store = stores.open(undefined, domainRegistry);
	const { orders, accounts } = repositories(store);
	const item = { type: 'AddItem', lineId: 'a', name: 'Mug', unitPriceCents: 900, quantity: 1 };
	const create = { type: 'CreateOrder', customerName: 'Ada', currency: 'EUR' };
	await orders.execute('order-1', create, { ...ada, now: at('09:00') });
	await accounts.execute(
		'account-1',
		{ type: 'OpenAccount', holderName: 'Ada', currency: 'EUR' },
		{ ...ada, now: at('09:05') }
	);
	await orders.execute('order-1', item, { ...ada, now: at('09:10') });
	await accounts.execute(
		'account-1',
		{ type: 'Deposit', amountCents: 5_000 },
		{ ...ada, now: at('09:20') }
	);
	await orders.execute('order-1', { type: 'SubmitOrder' }, { ...ada, now: at('09:30') });
	await accounts.execute(
		'account-1',
		{ type: 'Withdraw', amountCents: 1_500 },
		{ ...ada, now: at('09:40') }
	);
	await orders.execute('order-2', { ...create, customerName: 'Bob' }, { ...bob, now: at('09:50') });
	return { store, orders, accounts };
}

describe('projectionAsOf a time', () => {
	it('shows each record as it was at that moment, and no record created after it', async () => {
		const { store, orders } = await morning();

		const before = await projectionAsOf(store, orderList, { at: at('08:59') });
		expect(before.size).toBe(0);

		const quarterPast = await projectionAsOf(store, orderList, { at: at('09:15') });
		expect([...quarterPast.keys()]).toEqual(['order-1']);
		expect(quarterPast.get('order-1')).toEqual(
			(await orders.stateAt('order-1', { version: 2 })).state
		);
		const balancesThen = await projectionAsOf(store, balances, { at: at('09:25') });
		expect(table(balancesThen)).toEqual({
			'account-1': { holderName: 'Ada', status: 'open', balanceCents: 5_000, movements: 1 }
		});

		// The moment of an event includes it.
		const atSubmit = await projectionAsOf(store, orderList, { at: at('09:30') });
		expect(atSubmit.get('order-1')).toMatchObject({ status: 'submitted' });

		const now = await projectionAsOf(store, orderList, { at: at('23:59') });
		expect(table(now)).toEqual(table(rowsOf(foldRecords(orderList, await store.readAll()))));
	});

	it('uses the server’s recordedAt once an event is synced, and the device’s occurredAt before', async () => {
		const { store } = await morning();
		// The device was offline: its events reached the server at 11:00 and 11:01.
		await acceptByServer(store, 'account-1', {
			1: { position: 1, recordedAt: at('11:00') },
			2: { position: 2, recordedAt: at('11:01') }
		});

		const balancesAt = (time: string) =>
			projectionAsOf(store, balances, { at: at(time) }).then(table);
		// At 10:00 the server had nothing of account-1 yet, whatever the device's clock said.
		expect(await balancesAt('10:00')).toEqual({});
		expect(await balancesAt('11:00')).toEqual({
			'account-1': { holderName: 'Ada', status: 'open', balanceCents: 0, movements: 0 }
		});
		// The withdrawal is still pending: its device time (09:40) counts, but it comes after the
		// deposit in the record's own order, so the record is cut at the first event after the point.
		expect(await balancesAt('11:30')).toEqual({
			'account-1': { holderName: 'Ada', status: 'open', balanceCents: 3_500, movements: 2 }
		});
	});

	it('honours an undo made before the moment and ignores one made after it', async () => {
		const { store, accounts } = await morning();
		// The withdrawal (version 3) undone at 10:00.
		await rewind(
			store,
			domainAggregates,
			{ streamId: 'account-1', toVersion: 2, expectedVersion: 3 },
			{ ...ada, now: at('10:00') }
		);
		const at0959 = await projectionAsOf(store, balances, { at: at('09:59') });
		expect(at0959.get('account-1')).toMatchObject({ balanceCents: 3_500 });
		const at1000 = await projectionAsOf(store, balances, { at: at('10:00') });
		expect((await accounts.stateAt('account-1', { version: 2 })).state).toMatchObject({
			balanceCents: 5_000
		});
		expect(at1000.get('account-1')).toMatchObject({ balanceCents: 5_000 });
	});
});

describe('projectionAsOf a position', () => {
	it('shows the synced log up to that server position; pending events are after every position', async () => {
		const { store, orders } = await morning();
		await acceptByServer(store, 'order-1', {
			1: { position: 10, recordedAt: at('10:00') },
			2: { position: 12, recordedAt: at('10:00') },
			3: { position: 14, recordedAt: at('10:00') }
		});
		await acceptByServer(store, 'account-1', {
			1: { position: 11, recordedAt: at('10:00') },
			2: { position: 13, recordedAt: at('10:00') }
		});

		expect((await projectionAsOf(store, orderList, { position: 9 })).size).toBe(0);

		const at12 = await projectionAsOf(store, orderList, { position: 12 });
		expect([...at12.keys()]).toEqual(['order-1']);
		expect(at12.get('order-1')).toEqual((await orders.stateAt('order-1', { version: 2 })).state);

		const balances13 = table(await projectionAsOf(store, balances, { position: 13 }));
		expect(balances13).toEqual({
			'account-1': { holderName: 'Ada', status: 'open', balanceCents: 5_000, movements: 1 }
		});

		// order-2 and the withdrawal never reached the server: no position shows them.
		const far = await projectionAsOf(store, orderList, { position: 1_000 });
		expect([...far.keys()]).toEqual(['order-1']);
		expect(far.get('order-1')).toMatchObject({ status: 'submitted' });
		expect(table(await projectionAsOf(store, balances, { position: 1_000 }))).toEqual(balances13);
	});
});
