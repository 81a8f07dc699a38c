import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncServer } from '../../src/lib/server/sync-server';
import { device, startTestServer } from './sync-harness';

let server: SyncServer;
const stores: { close(): void }[] = [];

// Starting PGlite can take more than the default 10 s on a loaded machine.
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

describe('the pull cursor', () => {
	it('pulls from after the last position this device holds, not from the start again', async () => {
		const ada = open('ada');
		await ada.sync.signup({ workspace: 'Market', name: 'Ada', password: 'correct horse' });
		const invite = await ada.sync.createInvite();
		// Grace's requests go through here, so the `after` of each of her pulls can be read.
		const afters: number[] = [];
		const grace = device('grace', (request) => {
			const url = new URL(request.url);
			if (url.pathname === '/api/sync/pull') afters.push(Number(url.searchParams.get('after')));
			return server.handle(request);
		});
		stores.push(grace.store);
		await grace.sync.signup({ name: 'Grace', password: 'battery staple', invite });
		const highest = async () =>
			Math.max(0, ...(await grace.store.readAll()).map((e) => e.position ?? 0));

		await ada.orders.execute(
			'order-1',
			{ type: 'CreateOrder', customerName: 'Kim', currency: 'EUR' },
			ada.as()
		);
		await ada.sync.syncNow();
		afters.length = 0;
		await grace.sync.syncNow();
		expect(afters).toEqual([0]);
		const first = await highest();
		expect(first).toBeGreaterThan(0);

		await ada.orders.execute(
			'order-1',
			{ type: 'AddItem', lineId: 'a', name: 'Tea', unitPriceCents: 300, quantity: 2 },
			ada.as()
		);
		await ada.orders.execute(
			'order-2',
			{ type: 'CreateOrder', customerName: 'Lee', currency: 'EUR' },
			ada.as()
		);
		await ada.sync.syncNow();
		afters.length = 0;
		await grace.sync.syncNow();
		expect(afters).toEqual([first]);
		const second = await highest();
		expect(second).toBe(first + 2);

		// Nothing new: the next round asks only for what comes after the newest event held.
		afters.length = 0;
		await grace.sync.syncNow();
		expect(afters).toEqual([second]);
	});

	it('does not download again what this device pushed, unless others wrote in between', async () => {
		const pulled: string[] = [];
		let beforePush: (() => Promise<unknown>) | undefined;
		// Ada's requests go through here: what each of her pulls brought is read, and someone
		// else can write just before one of her pushes reaches the server.
		const ada = device('ada', async (request) => {
			if (new URL(request.url).pathname === '/api/sync/push') {
				const run = beforePush;
				beforePush = undefined;
				await run?.();
			}
			const response = await server.handle(request);
			if (new URL(request.url).pathname === '/api/sync/pull') {
				const page = (await response.clone().json()) as { events: { eventId: string }[] };
				pulled.push(...page.events.map((event) => event.eventId));
			}
			return response;
		});
		stores.push(ada.store);
		await ada.sync.signup({ workspace: 'Market', name: 'Ada', password: 'correct horse' });
		const grace = open('grace');
		await grace.sync.signup({
			name: 'Grace',
			password: 'battery staple',
			invite: await ada.sync.createInvite()
		});
		const create = (d: typeof ada, streamId: string) =>
			d.orders.execute(
				streamId,
				{ type: 'CreateOrder', customerName: 'Kim', currency: 'EUR' },
				d.as()
			);

		await create(ada, 'order-1');
		await create(ada, 'order-2');
		await ada.sync.syncNow();
		pulled.length = 0;
		await ada.sync.syncNow();
		expect(pulled).toEqual([]);
		expect(await ada.store.sync.remotePosition()).toBe(2);

		// Grace's event lands between Ada's pull and her push: Ada must still fetch it, and her
		// own event after it comes along, known already and not stored twice.
		await create(ada, 'order-3');
		await create(grace, 'order-4');
		const own = (await ada.store.readPending()).map((event) => event.eventId);
		beforePush = () => grace.sync.syncNow();
		await ada.sync.syncNow();
		expect(await ada.store.sync.remotePosition()).toBe(2);
		pulled.length = 0;
		await ada.sync.syncNow();
		const graces = (await grace.store.readStream('order-4')).map((event) => event.eventId);
		expect(pulled).toEqual([...graces, ...own]);
		expect(await ada.store.sync.remotePosition()).toBe(4);
		await grace.sync.syncNow();
		const log = (d: typeof ada) =>
			d.store.readAll().then((events) => events.map((e) => [e.eventId, e.position]));
		expect(await log(ada)).toEqual(await log(grace));
	});
});
