import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { categoryOf } from '../../src/lib/events';
import type { AccountState, OrderState } from '../../src/lib/domain';
import { domainReactions } from '../../src/lib/domain/reactions/pay-from-account';
import { ReactionRunner } from '../../src/lib/reactions';
import type { SyncServer } from '../../src/lib/server/sync-server';
import {
	device,
	quickWorkspace,
	serverLog,
	startTestServer,
	syncedLog,
	type Device
} from './sync-harness';

// The pay-from-account saga (issue 19) over the real server handlers: an order submitted to be
// charged to an account makes a reaction withdraw its total; a refusal marks the order's payment
// failed and waits in the inbox; cancelling a paid order refunds it. Offline on two devices both
// charging one account, the ledger never goes below zero and every outcome shows.

const ACCOUNT = 'account-shared';
let server: SyncServer;
const devices: Device[] = [];

beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server.close();
});
afterEach(() => {
	for (const d of devices.splice(0)) {
		d.sync.stop();
		d.store.close();
	}
});

/** The device's reactions, as the app runs them (`app-reactions.ts`). */
function reactionsOf(d: Device) {
	const repositoryOf = (streamId: string) =>
		(categoryOf(streamId) === 'order' ? d.orders : d.accounts) as unknown as typeof d.orders;
	return new ReactionRunner({
		store: d.store,
		deviceId: d.deviceId,
		reactions: domainReactions,
		execute: (streamId, command, context) =>
			repositoryOf(streamId).execute(streamId, command, context),
		stateAfter: async (event) =>
			(await repositoryOf(event.streamId).stateAt(event.streamId, { version: event.version })).state
	});
}

async function signedIn(names: string[]) {
	const ws = await quickWorkspace(server, names);
	const made = [];
	for (const [i, name] of names.entries()) {
		const d = device(name, (request) => server.handle(request));
		devices.push(d);
		await d.sync.login(ws.logins[i]!);
		const reactions = reactionsOf(d);
		await reactions.catchUp();
		made.push({ d, reactions });
	}
	return { ws, made };
}

async function orderFor(d: Device, orderId: string, priceCents: number, chargeTo?: string) {
	await d.orders.execute(
		orderId,
		{ type: 'CreateOrder', customerName: 'Noor', currency: 'EUR' },
		d.as()
	);
	await d.orders.execute(
		orderId,
		{ type: 'AddItem', lineId: 'l1', name: 'Lamp', unitPriceCents: priceCents, quantity: 1 },
		d.as()
	);
	await d.orders.execute(
		orderId,
		{ type: 'SubmitOrder', ...(chargeTo ? { chargeTo } : {}) },
		d.as()
	);
}

/** The shared account, opened on `d` with `cents` in it. */
async function openAccountWith(d: Device, cents: number) {
	await d.accounts.execute(
		ACCOUNT,
		{ type: 'OpenAccount', holderName: 'Noor', currency: 'EUR' },
		d.as()
	);
	await d.accounts.execute(ACCOUNT, { type: 'Deposit', amountCents: cents }, d.as());
}

const payment = async (d: Device, orderId: string) =>
	(
		(await d.orders.load(orderId)).state as Extract<
			OrderState,
			{ status: 'submitted' | 'cancelled' }
		>
	).payment;
const balance = async (d: Device) =>
	((await d.accounts.load(ACCOUNT)).state as Extract<AccountState, { status: 'open' }>)
		.balanceCents;

describe('paying an order from an account', () => {
	it('takes the total when the balance covers it, refuses and marks the order when not, refunds on cancel', async () => {
		const { made } = await signedIn(['ada']);
		const [{ d, reactions }] = made as [(typeof made)[number]];
		await openAccountWith(d, 5000);

		await orderFor(d, 'order-paid', 3000, ACCOUNT);
		await reactions.catchUp();
		expect(await balance(d)).toBe(2000);
		expect(await payment(d, 'order-paid')).toMatchObject({ status: 'taken', amountCents: 3000 });

		await orderFor(d, 'order-unpaid', 3000, ACCOUNT);
		await reactions.catchUp();
		expect(await balance(d)).toBe(2000);
		expect(await payment(d, 'order-unpaid')).toMatchObject({ status: 'failed' });
		expect((await payment(d, 'order-unpaid'))?.reason).toMatch(/doesn't cover the order's/);
		const [refused, ...others] = await d.sync.conflicts();
		expect(others).toEqual([]);
		expect(refused).toMatchObject({
			streamId: ACCOUNT,
			command: {
				command: { type: 'ChargeOrder', orderId: 'order-unpaid', amountCents: 3000 },
				reaction: { name: 'charge-order-to-account' }
			}
		});

		await d.orders.execute('order-paid', { type: 'CancelOrder' }, d.as());
		await reactions.catchUp();
		expect(await balance(d)).toBe(5000);

		// With the refund in, the refused charge fits when retried: the order is paid after all.
		expect(await d.sync.retry(refused!.commandId)).toEqual({ applied: true });
		await reactions.catchUp();
		expect(await balance(d)).toBe(2000);
		expect(await payment(d, 'order-unpaid')).toMatchObject({ status: 'taken' });

		expect(await d.sync.syncNow()).toBe('synced');
		const onServer = await serverLog.events(server, d.sync.session!.token);
		expect(onServer.filter((e) => e.streamId === ACCOUNT).map((e) => e.type)).toEqual([
			'AccountOpened',
			'MoneyDeposited',
			'MoneyWithdrawn',
			'MoneyDeposited',
			'MoneyWithdrawn'
		]);
	});

	it('offline on two devices charging one account: the ledger never goes below zero, and both outcomes show', async () => {
		const { ws, made } = await signedIn(['ada', 'bo']);
		const [a, b] = made as [(typeof made)[number], (typeof made)[number]];
		await openAccountWith(a.d, 5000);
		await a.d.sync.syncNow();
		await b.d.sync.syncNow();

		// Both offline: each sees 50.00, enough for its own 40.00 order.
		await orderFor(a.d, 'order-a', 4000, ACCOUNT);
		await orderFor(b.d, 'order-b', 4000, ACCOUNT);
		await a.reactions.catchUp();
		await b.reactions.catchUp();
		expect(await payment(a.d, 'order-a')).toMatchObject({ status: 'taken' });
		expect(await payment(b.d, 'order-b')).toMatchObject({ status: 'taken' });

		// Back online, A first: B's charge no longer fits, goes to B's inbox, and B's order says so.
		expect(await a.d.sync.syncNow()).toBe('synced');
		await b.d.sync.syncNow();
		await b.reactions.catchUp();
		expect(await b.d.sync.syncNow()).toBe('synced');
		expect(await a.d.sync.syncNow()).toBe('synced');

		expect(await balance(b.d)).toBe(1000);
		expect(await payment(b.d, 'order-b')).toMatchObject({ status: 'failed' });
		expect((await payment(b.d, 'order-b'))?.reason).toMatch(/doesn't cover the order's/);
		expect(await payment(a.d, 'order-b')).toMatchObject({ status: 'failed' });
		expect(await payment(a.d, 'order-a')).toMatchObject({ status: 'taken' });
		const inbox = await b.d.sync.conflicts();
		expect(inbox.map((c) => c.command.command)).toEqual([
			{ type: 'ChargeOrder', orderId: 'order-b', amountCents: 4000, currency: 'EUR' }
		]);

		const onServer = await serverLog.events(server, ws.tokens[0]!);
		let ledger = 0;
		for (const event of onServer.filter((e) => e.streamId === ACCOUNT)) {
			const { amountCents } = event.data as { amountCents?: number };
			if (event.type === 'MoneyDeposited') ledger += amountCents!;
			if (event.type === 'MoneyWithdrawn') ledger -= amountCents!;
			expect(ledger).toBeGreaterThanOrEqual(0);
		}
		expect(ledger).toBe(1000);
		// Order B never heard "paid": its confirmation went with the refused charge.
		expect(onServer.filter((e) => e.streamId === 'order-b').map((e) => e.type)).toEqual([
			'OrderCreated',
			'ItemAdded',
			'OrderSubmitted',
			'PaymentRequested',
			'PaymentFailed'
		]);
		const rows = await serverLog(server, ws.tokens[0]!);
		expect(await syncedLog(a.d.store)).toEqual(rows);
		expect(await syncedLog(b.d.store)).toEqual(rows);
	});

	it('charges the total of the order as it was submitted after a rebase, not as it stood before', async () => {
		const { ws, made } = await signedIn(['ada', 'bo']);
		const [a, b] = made as [(typeof made)[number], (typeof made)[number]];
		await openAccountWith(a.d, 5000);
		await a.d.orders.execute(
			'order-grown',
			{ type: 'CreateOrder', customerName: 'Noor', currency: 'EUR' },
			a.d.as()
		);
		const addOne = (lineId: string, name: string, unitPriceCents: number) =>
			a.d.orders.execute(
				'order-grown',
				{ type: 'AddItem', lineId, name, unitPriceCents, quantity: 1 },
				a.d.as()
			);
		await addOne('l1', 'Candle', 1000);
		expect(await a.d.sync.syncNow()).toBe('synced');
		expect(await b.d.sync.syncNow()).toBe('synced');

		// B, offline, submits the €10 order charged to the account; its reaction takes €10.
		await b.d.orders.execute('order-grown', { type: 'SubmitOrder', chargeTo: ACCOUNT }, b.d.as());
		await b.reactions.catchUp();
		expect(await balance(b.d)).toBe(4000);
		// Meanwhile A adds matches: on the server the order is still a draft, now of €15.
		await addOne('l2', 'Matches', 500);
		expect(await a.d.sync.syncNow()).toBe('synced');

		// B's submit is decided again on the €15 order: the €10 charge it caused is no longer what
		// the order asks for, so it goes, and the reaction charges what the order now says.
		await b.d.sync.syncNow();
		await b.reactions.catchUp();
		expect(await b.d.sync.syncNow()).toBe('synced');
		expect(await a.d.sync.syncNow()).toBe('synced');
		for (const d of [a.d, b.d]) {
			expect(await payment(d, 'order-grown')).toMatchObject({ status: 'taken', amountCents: 1500 });
			expect(await balance(d)).toBe(3500);
		}
		const onServer = await serverLog.events(server, ws.tokens[0]!);
		expect(
			onServer
				.filter((e) => e.streamId === ACCOUNT && e.type === 'MoneyWithdrawn')
				.map((e) => (e.data as { amountCents: number }).amountCents)
		).toEqual([1500]);
		expect(await b.d.sync.conflicts()).toEqual([]);
		const rows = await serverLog(server, ws.tokens[0]!);
		expect(await syncedLog(a.d.store)).toEqual(rows);
		expect(await syncedLog(b.d.store)).toEqual(rows);
	});

	it('refunds a charge that goes through after its order was cancelled (retried from the inbox)', async () => {
		const { made } = await signedIn(['ada']);
		const [{ d, reactions }] = made as [(typeof made)[number]];
		await openAccountWith(d, 1000);
		await orderFor(d, 'order-late', 3000, ACCOUNT);
		await reactions.catchUp();
		expect(await payment(d, 'order-late')).toMatchObject({ status: 'failed' });
		const [charge] = await d.sync.conflicts();

		// Nothing was taken, so the cancellation refunds nothing; the charge still waits.
		await d.orders.execute('order-late', { type: 'CancelOrder' }, d.as());
		await reactions.catchUp();
		expect(await balance(d)).toBe(1000);
		await d.accounts.execute(ACCOUNT, { type: 'Deposit', amountCents: 5000 }, d.as());

		// Retried anyway: the account pays, the cancelled order hears it, and the money comes back.
		expect(await d.sync.retry(charge!.commandId)).toEqual({ applied: true });
		await reactions.catchUp();
		expect(await payment(d, 'order-late')).toMatchObject({ status: 'taken' });
		expect(await balance(d)).toBe(6000);
		const account = (await d.accounts.load(ACCOUNT)).state as Extract<
			AccountState,
			{ status: 'open' }
		>;
		expect(account.orders?.['order-late']).toEqual({ amountCents: 3000, refunded: true });

		expect(await d.sync.syncNow()).toBe('synced');
		const onServer = await serverLog.events(server, d.sync.session!.token);
		expect(onServer.filter((e) => e.streamId === ACCOUNT).map((e) => e.type)).toEqual([
			'AccountOpened',
			'MoneyDeposited',
			'MoneyDeposited',
			'MoneyWithdrawn',
			'MoneyDeposited'
		]);
		expect(await d.sync.conflicts()).toEqual([]);
	});

	it('on two devices: a charge paid on one while the other cancelled the order is refunded after the rebase', async () => {
		const { made } = await signedIn(['ada', 'bo']);
		const [a, b] = made as [(typeof made)[number], (typeof made)[number]];
		await openAccountWith(a.d, 1000);
		await orderFor(a.d, 'order-raced', 3000, ACCOUNT);
		await a.reactions.catchUp();
		const [charge] = await a.d.sync.conflicts();
		expect(await a.d.sync.syncNow()).toBe('synced');
		expect(await b.d.sync.syncNow()).toBe('synced');

		// B cancels and syncs; A, not having pulled it, tops the account up and retries the charge.
		await b.d.orders.execute('order-raced', { type: 'CancelOrder' }, b.d.as());
		await b.reactions.catchUp();
		expect(await b.d.sync.syncNow()).toBe('synced');
		await a.d.accounts.execute(ACCOUNT, { type: 'Deposit', amountCents: 5000 }, a.d.as());
		expect(await a.d.sync.retry(charge!.commandId)).toEqual({ applied: true });
		await a.reactions.catchUp();
		expect(await balance(a.d)).toBe(3000);

		// A's "paid" lands after B's cancellation: the rebase makes it a cancelled order's payment.
		expect(await a.d.sync.syncNow()).toBe('synced');
		await a.reactions.catchUp();
		expect(await a.d.sync.syncNow()).toBe('synced');
		expect(await b.d.sync.syncNow()).toBe('synced');
		for (const d of [a.d, b.d]) {
			expect(await balance(d)).toBe(6000);
			expect(await payment(d, 'order-raced')).toMatchObject({ status: 'taken' });
		}
		const onServer = await serverLog.events(server, a.d.sync.session!.token);
		expect(onServer.filter((e) => e.streamId === 'order-raced').map((e) => e.type)).toEqual([
			'OrderCreated',
			'ItemAdded',
			'OrderSubmitted',
			'PaymentRequested',
			'PaymentFailed',
			'OrderCancelled',
			'PaymentTaken'
		]);
	});
});
