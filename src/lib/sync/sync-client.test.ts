import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncServer } from '../server/sync-server';
import { device, startTestServer } from './testing';

let server: SyncServer;
const stores: { close(): void }[] = [];

beforeEach(async () => {
	server = await startTestServer();
}, 60_000);

afterEach(async () => {
	for (const store of stores.splice(0)) store.close();
	await server.close();
});

function open(name: string) {
	const d = device(name, (request) => server.handle(request));
	stores.push(d.store);
	return d;
}

async function workspaceOfTwo() {
	const ada = open('ada');
	await ada.sync.signup({ workspace: 'Market', name: 'Ada', password: 'correct horse' });
	const invite = await ada.sync.createInvite();
	const grace = open('grace');
	await grace.sync.signup({ name: 'Grace', password: 'battery staple', invite });
	return { ada, grace };
}

describe('two devices', () => {
	it('converge after working offline on different records', async () => {
		const { ada, grace } = await workspaceOfTwo();
		await ada.orders.execute(
			'order-1',
			{ type: 'CreateOrder', customerName: 'Kim', currency: 'EUR' },
			ada.as()
		);
		await grace.accounts.execute(
			'account-1',
			{ type: 'OpenAccount', holderName: 'Lee', currency: 'EUR' },
			grace.as()
		);

		await ada.sync.syncNow();
		await grace.sync.syncNow();
		await ada.sync.syncNow();

		for (const d of [ada, grace]) {
			expect((await d.orders.load('order-1')).state).toMatchObject({
				status: 'draft',
				customerName: 'Kim'
			});
			expect((await d.accounts.load('account-1')).state).toMatchObject({
				status: 'open',
				holderName: 'Lee'
			});
			expect(await d.store.pendingCount()).toBe(0);
		}
		const positions = (d: typeof ada) =>
			d.store.readAll().then((events) => events.map((e) => [e.eventId, e.position]));
		expect(await positions(ada)).toEqual(await positions(grace));
	});

	it('rebases a change that still fits, and sends one that no longer fits to the inbox', async () => {
		const { ada, grace } = await workspaceOfTwo();
		await ada.accounts.execute(
			'account-1',
			{ type: 'OpenAccount', holderName: 'Lee', currency: 'EUR' },
			ada.as()
		);
		await ada.accounts.execute('account-1', { type: 'Deposit', amountCents: 1000 }, ada.as());
		await ada.sync.syncNow();
		await grace.sync.syncNow();

		// Both offline: Grace withdraws 8 €, Ada withdraws 5 € and deposits 1 €.
		await grace.accounts.execute('account-1', { type: 'Withdraw', amountCents: 800 }, grace.as());
		await ada.accounts.execute('account-1', { type: 'Withdraw', amountCents: 500 }, ada.as());
		await ada.accounts.execute('account-1', { type: 'Deposit', amountCents: 100 }, ada.as());

		await grace.sync.syncNow();
		await ada.sync.syncNow();
		await grace.sync.syncNow();

		const [conflict] = await ada.sync.conflicts();
		expect(conflict).toMatchObject({
			streamId: 'account-1',
			command: { command: { type: 'Withdraw', amountCents: 500 } }
		});
		expect(conflict!.reason).toMatch(/balance is only/);
		expect(conflict!.causedBy?.userId).toBe(grace.sync.session!.userId);
		// The deposit still fits and was rebased, but waits while its record has an inbox entry.
		expect((await ada.accounts.load('account-1')).state).toMatchObject({ balanceCents: 300 });
		expect((await grace.accounts.load('account-1')).state).toMatchObject({ balanceCents: 200 });
		expect(await ada.store.pendingCount()).toBe(1);

		await ada.sync.discard(conflict!.commandId);
		await ada.sync.syncNow();
		await grace.sync.syncNow();
		for (const d of [ada, grace]) {
			expect((await d.accounts.load('account-1')).state).toMatchObject({ balanceCents: 300 });
		}
	});
});
