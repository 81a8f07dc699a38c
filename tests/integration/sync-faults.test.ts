import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get } from 'svelte/store';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteDatabase } from '../../src/lib/server/db/pglite-database';
import { TestClient, testBackends } from '../../src/lib/server/testing';
import type { SyncServer } from '../../src/lib/server/sync-server';
import { SyncHttpError, SyncNetworkError } from '../../src/lib/sync/sync-errors';
import {
	device,
	duplicates,
	FlakyNetwork,
	pendingEvents,
	quickWorkspace,
	serverLog,
	startTestServer,
	syncedLog,
	type Device
} from './sync-harness';
import { databaseOf, storedCommands } from '../../src/lib/eventstore/testing';

// Faults between the device and the server: answers lost after the commit, a server restart
// between pushes, a token that stops working, an event the server refuses outright.

const create = (customerName = 'Kim') => ({ type: 'CreateOrder', customerName, currency: 'EUR' });
const addItem = (lineId: string, quantity = 1) => ({
	type: 'AddItem',
	lineId,
	name: `Item ${lineId}`,
	unitPriceCents: 250,
	quantity
});
const address = {
	type: 'SetDeliveryAddress',
	address: { line1: '1 Quay St', city: 'Cork', postcode: 'T12', country: 'Ireland' }
};
const open = { type: 'OpenAccount', holderName: 'Lee', currency: 'EUR' };
const deposit = (amountCents: number) => ({ type: 'Deposit', amountCents });

const isPush = (request: Request) => new URL(request.url).pathname === '/api/sync/push';

describe.each(testBackends())('sync faults on $kind', (backend) => {
	let server: SyncServer;
	let clock = () => new Date();
	const stores: { close(): void }[] = [];

	beforeAll(async () => {
		server = await startTestServer({ database: await backend.open(), now: () => clock() });
	}, 60_000);
	afterAll(() => server?.close());
	afterEach(() => {
		clock = () => new Date();
		for (const store of stores.splice(0)) store.close();
	});

	interface Member {
		d: Device;
		net: FlakyNetwork;
	}

	/** A workspace whose members each have one signed-in device behind its own flaky network. */
	async function team<const Names extends string[]>(...names: Names) {
		const ws = await quickWorkspace(server, names);
		const devices: Member[] = [];
		for (const [index, name] of names.entries()) {
			const net = new FlakyNetwork(() => (request) => server.handle(request));
			const d = device(name, net.fetch);
			stores.push(d.store);
			await d.sync.login(ws.logins[index]!);
			devices.push({ d, net });
		}
		return { ws, devices: devices as { [K in keyof Names]: Member } };
	}

	async function expectConverged(token: string, ...devices: Device[]) {
		const onServer = await serverLog(server, token);
		expect(duplicates(onServer.map((row) => row.eventId))).toEqual([]);
		for (const d of devices) {
			expect(await syncedLog(d.store), d.deviceId).toEqual(onServer);
			expect(await pendingEvents(d.store), d.deviceId).toEqual([]);
		}
		return onServer;
	}

	describe('answers lost after the server committed', () => {
		it('a push whose answer is lost is found again by the next pull: synced once, with the server’s positions', async () => {
			const {
				ws,
				devices: [{ d: ada, net }]
			} = await team('Ada');
			await ada.orders.execute('order-1', create(), ada.as());
			await ada.orders.execute('order-1', addItem('a'), ada.as());
			await ada.accounts.execute('account-1', open, ada.as());
			const made = (await pendingEvents(ada.store)).map((e) => e.eventId);

			net.plan = (request) => (isPush(request) ? 'lost' : undefined);
			await expect(ada.sync.syncNow()).rejects.toBeInstanceOf(SyncNetworkError);
			// The server has them; the device does not know yet, and keeps them pending.
			expect((await serverLog(server, ws.tokens[0]!)).map((r) => r.eventId)).toEqual(made);
			expect((await pendingEvents(ada.store)).map((e) => e.eventId)).toEqual(made);
			expect(get(ada.sync.status)).toMatchObject({ pending: 3, online: false });

			net.plan = () => undefined;
			expect(await ada.sync.syncNow()).toBe('synced');
			const log = await expectConverged(ws.tokens[0]!, ada);
			expect(log.map((r) => r.eventId)).toEqual(made);
			expect(get(ada.sync.status)).toMatchObject({ pending: 0, online: true });
		});

		it('once the pull shows a push was accepted, its stored commands go, as after an answered push', async () => {
			const {
				devices: [{ d: ada, net }]
			} = await team('Ada');
			await ada.orders.execute('order-1', create(), ada.as());
			await ada.sync.syncNow();
			expect((await storedCommands(databaseOf(ada.store))).length).toBe(0);

			await ada.orders.execute('order-1', addItem('a'), ada.as());
			net.plan = (request) => (isPush(request) ? 'lost' : undefined);
			await expect(ada.sync.syncNow()).rejects.toThrow();
			net.plan = () => undefined;
			await ada.sync.syncNow();
			expect(await pendingEvents(ada.store)).toEqual([]);
			// Only pending events ever need their command again (push-batch.ts, markAccepted).
			expect(await storedCommands(databaseOf(ada.store))).toEqual([]);
		});

		it('lost answers interleaved with another device’s pushes to the same record: nothing doubled, nothing lost', async () => {
			const {
				ws,
				devices: [{ d: ada, net }, { d: grace }]
			} = await team('Ada', 'Grace');
			await ada.orders.execute('order-1', create(), ada.as());
			await ada.sync.syncNow();
			await grace.sync.syncNow();

			const first = await ada.orders.execute('order-1', addItem('a'), ada.as());
			net.plan = (request) => (isPush(request) ? 'lost' : undefined);
			await expect(ada.sync.syncNow()).rejects.toThrow();
			// Ada goes on offline; Grace pulls Ada's item and adds her own.
			const second = await ada.orders.execute('order-1', addItem('b'), ada.as());
			await grace.sync.syncNow();
			await grace.orders.execute('order-1', addItem('g'), grace.as());
			await grace.sync.syncNow();

			net.plan = () => undefined;
			await ada.sync.syncNow();
			await grace.sync.syncNow();
			const log = await expectConverged(ws.tokens[0]!, ada, grace);
			expect(log.map((r) => [r.version, r.commandId])).toEqual([
				[1, expect.any(String)],
				[2, first.commandId],
				[3, expect.any(String)],
				[4, second.commandId]
			]);
			// The first item kept its eventId: it was already on the server, not rebased.
			expect(log[1]!.eventId).toBe(first.events[0]!.eventId);
			expect((await ada.orders.load('order-1')).state).toMatchObject({
				items: [{ lineId: 'a' }, { lineId: 'g' }, { lineId: 'b' }]
			});
		});

		it('every request’s answer lost, many times: the device ends synced exactly once', async () => {
			const {
				ws,
				devices: [{ d: ada, net }]
			} = await team('Ada');
			for (let i = 0; i < 5; i++) {
				await ada.accounts.execute(`account-${i}`, open, ada.as());
				await ada.accounts.execute(`account-${i}`, deposit(100 + i), ada.as());
			}
			net.plan = () => 'lost';
			for (let i = 0; i < 3; i++) await expect(ada.sync.syncNow()).rejects.toThrow();
			net.plan = (request, index) => (index % 2 === 0 ? 'lost' : undefined);
			for (let i = 0; i < 4; i++) await ada.sync.syncNow().catch(() => undefined);
			net.plan = () => undefined;
			await ada.sync.syncNow();
			const log = await expectConverged(ws.tokens[0]!, ada);
			expect(log).toHaveLength(10);
		});
	});

	describe('the token stops working', () => {
		it('a revoked token pauses sync and asks to log in again; pending events wait untouched, then sync', async () => {
			const {
				ws,
				devices: [{ d: ada }]
			} = await team('Ada');
			await ada.orders.execute('order-1', create(), ada.as());
			await ada.sync.syncNow();
			// Signed out elsewhere (or by an admin): the server forgets the token.
			const revoked = await new TestClient(server).request('POST', '/api/auth/logout', {
				token: ada.sync.session!.token,
				json: {}
			});
			expect(revoked.status).toBe(204);
			await ada.orders.execute('order-1', addItem('a'), ada.as());
			await ada.accounts.execute('account-1', open, ada.as());
			const before = await pendingEvents(ada.store);
			const commandsBefore = await storedCommands(databaseOf(ada.store));

			expect(await ada.sync.syncNow()).toBe('signed-out');
			expect(get(ada.sync.status)).toMatchObject({
				needsLogin: true,
				signedIn: false,
				pending: 2,
				syncing: false
			});
			expect(await pendingEvents(ada.store)).toEqual(before);
			expect(await storedCommands(databaseOf(ada.store))).toEqual(commandsBefore);
			// No more requests while the token is known to be dead.
			expect(await ada.sync.syncNow()).toBe('signed-out');

			await ada.sync.login(ws.logins[0]!);
			expect(get(ada.sync.status)).toMatchObject({ needsLogin: false, signedIn: true });
			expect(await ada.sync.syncNow()).toBe('synced');
			const log = await expectConverged(ws.tokens[0]!, ada);
			expect(log.map((r) => r.eventId).slice(1)).toEqual(before.map((e) => e.eventId));
		});

		it('a token revoked between the pull and the push of one round loses nothing', async () => {
			const ws = await quickWorkspace(server, ['Ada']);
			let revoked = false;
			const ada = device('ada', async (request) => {
				if (isPush(request) && !revoked) {
					revoked = true;
					// Signed out through the server, as sessions end: a session the server checked moments
					// ago is trusted for a few seconds against changes made behind its back (session-cache.ts).
					const logout = await server.handle(
						new Request('http://rewind.test/api/auth/logout', {
							method: 'POST',
							headers: { authorization: request.headers.get('authorization')! }
						})
					);
					expect(logout.status).toBe(204);
				}
				return server.handle(request);
			});
			stores.push(ada.store);
			await ada.sync.login(ws.logins[0]!);
			await ada.orders.execute('order-1', create(), ada.as());
			await ada.orders.execute('order-1', addItem('a'), ada.as());
			const before = await pendingEvents(ada.store);

			expect(await ada.sync.syncNow()).toBe('signed-out');
			expect(await pendingEvents(ada.store)).toEqual(before);
			expect(get(ada.sync.status)).toMatchObject({ needsLogin: true, pending: 2 });

			await ada.sync.login(ws.logins[0]!);
			expect(await ada.sync.syncNow()).toBe('synced');
			const log = await expectConverged(ada.sync.session!.token, ada);
			expect(log.map((r) => r.eventId)).toEqual(before.map((e) => e.eventId));
		});

		it('an expired token asks to log in again the same way', async () => {
			const {
				ws,
				devices: [{ d: ada }]
			} = await team('Ada');
			await ada.accounts.execute('account-1', open, ada.as());
			await ada.sync.syncNow();
			await ada.accounts.execute('account-1', deposit(5), ada.as());
			const before = await pendingEvents(ada.store);
			// 31 days later: the default token lifetime is 30 days.
			const later = Date.now() + 31 * 24 * 60 * 60 * 1000;
			clock = () => new Date(later);
			expect(await ada.sync.syncNow()).toBe('signed-out');
			expect(get(ada.sync.status)).toMatchObject({ needsLogin: true, pending: 1 });
			expect(await pendingEvents(ada.store)).toEqual(before);
			await ada.sync.login(ws.logins[0]!);
			expect(await ada.sync.syncNow()).toBe('synced');
			expect((await syncedLog(ada.store)).map((r) => r.eventId)).toContain(before[0]!.eventId);
			expect(await pendingEvents(ada.store)).toEqual([]);
		});
	});

	describe('an event the server refuses outright (422)', () => {
		it('sends its command to the inbox with the server’s reason, rebases the rest of its record, and syncs other records', async () => {
			const {
				ws,
				devices: [{ d: ada, net }]
			} = await team('Ada');
			await ada.orders.execute('order-1', create(), ada.as());
			await ada.sync.syncNow();

			const bad = await ada.orders.execute('order-1', addItem('a', 2), ada.as());
			const dependent = await ada.orders.execute(
				'order-1',
				{ type: 'ChangeQuantity', lineId: 'a', quantity: 5 },
				ada.as()
			);
			const independent = await ada.orders.execute('order-1', address, ada.as());
			await ada.accounts.execute('account-1', open, ada.as());
			await ada.accounts.execute('account-1', deposit(100), ada.as());
			// Something between the device and the server mangles one event: a quantity of 0.
			net.rewritePush = (body) => ({
				...body,
				events: body.events.map((event) =>
					event.eventId === bad.events[0]!.eventId
						? { ...event, data: { ...(event.data as object), quantity: 0 } }
						: event
				)
			});

			expect(await ada.sync.syncNow()).toBe('synced');

			const conflicts = await ada.sync.conflicts();
			expect(conflicts.map((c) => c.commandId).sort()).toEqual(
				[bad.commandId, dependent.commandId].sort()
			);
			const refused = conflicts.find((c) => c.commandId === bad.commandId)!;
			expect(refused.reason).toMatch(/^The server refused this change: /);
			expect(refused.command.command).toMatchObject({ type: 'AddItem', lineId: 'a' });
			expect(conflicts.find((c) => c.commandId === dependent.commandId)!.reason).toBe(
				'That item is no longer on this order.'
			);
			// The address was decided again without the item and waits behind the inbox entries.
			expect(
				(await pendingEvents(ada.store)).map((e) => [e.streamId, e.version, e.metadata.commandId])
			).toEqual([['order-1', 2, independent.commandId]]);
			// The account, another record, reached the server.
			const onServer = await serverLog(server, ws.tokens[0]!);
			expect(onServer.map((r) => [r.streamId, r.version])).toEqual([
				['order-1', 1],
				['account-1', 1],
				['account-1', 2]
			]);
			expect(get(ada.sync.status)).toMatchObject({ pending: 1, conflicts: 2 });

			await ada.sync.discard(bad.commandId);
			await ada.sync.discard(dependent.commandId);
			await ada.sync.syncNow();
			const log = await expectConverged(ws.tokens[0]!, ada);
			expect(log.filter((r) => r.streamId === 'order-1').map((r) => r.type)).toEqual([
				'OrderCreated',
				'DeliveryAddressSet'
			]);
		});

		it('an event type the server does not know is refused with 422 and goes to the inbox', async () => {
			const {
				devices: [{ d: ada, net }]
			} = await team('Ada');
			await ada.accounts.execute('account-1', open, ada.as());
			const renamed = await ada.accounts.execute('account-1', deposit(100), ada.as());
			await ada.orders.execute('order-1', create(), ada.as());
			net.rewritePush = (body) => ({
				...body,
				events: body.events.map((event) =>
					event.eventId === renamed.events[0]!.eventId ? { ...event, type: 'MoneyPrinted' } : event
				)
			});
			expect(await ada.sync.syncNow()).toBe('synced');
			const refusedStatus = net.log.filter((r) => r.path === '/api/sync/push').map((r) => r.status);
			expect(refusedStatus[0]).toBe(422);
			const [conflict] = await ada.sync.conflicts();
			expect(conflict).toMatchObject({ commandId: renamed.commandId, streamId: 'account-1' });
			expect(conflict!.reason).toMatch(/^The server refused this change: .*MoneyPrinted/);
			// The order, another record, synced; the account's opening was decided again and waits
			// behind the inbox entry of its record.
			expect((await syncedLog(ada.store)).map((r) => r.streamId)).toEqual(['order-1']);
			expect((await pendingEvents(ada.store)).map((e) => [e.streamId, e.version, e.type])).toEqual([
				['account-1', 1, 'AccountOpened']
			]);
			await ada.sync.discard(renamed.commandId);
			await ada.sync.syncNow();
			expect((await syncedLog(ada.store)).map((r) => [r.streamId, r.type])).toEqual([
				['order-1', 'OrderCreated'],
				['account-1', 'AccountOpened']
			]);
		});
	});

	it('a 5xx from the server is an error of the round, and changes nothing on the device', async () => {
		const ws = await quickWorkspace(server, ['Ada']);
		const ada = device('ada', async (request) =>
			new URL(request.url).pathname.startsWith('/api/sync/')
				? Response.json({ error: 'internal', message: 'boom' }, { status: 500 })
				: server.handle(request)
		);
		stores.push(ada.store);
		await ada.sync.login(ws.logins[0]!);
		await ada.orders.execute('order-1', create(), ada.as());
		const before = await pendingEvents(ada.store);
		await expect(ada.sync.syncNow()).rejects.toBeInstanceOf(SyncHttpError);
		expect(await pendingEvents(ada.store)).toEqual(before);
		expect(get(ada.sync.status)).toMatchObject({ lastError: 'boom', pending: 1, signedIn: true });
	});
});

describe('the server restarts mid-sync', () => {
	it('on the same PGlite data folder: everything ends synced once', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'rewind-sync-restart-'));
		let current = await startTestServer({ database: await openPgliteDatabase(dir) });
		const stores: { close(): void }[] = [];
		try {
			const ws = await quickWorkspace(current, ['Ada', 'Grace']);
			const netA = new FlakyNetwork(() => (request) => current.handle(request));
			const netG = new FlakyNetwork(() => (request) => current.handle(request));
			const ada = device('ada', netA.fetch);
			const grace = device('grace', netG.fetch);
			stores.push(ada.store, grace.store);
			await ada.sync.login(ws.logins[0]!);
			await grace.sync.login(ws.logins[1]!);

			await ada.orders.execute('order-1', create(), ada.as());
			await ada.orders.execute('order-1', addItem('a'), ada.as());
			await ada.sync.syncNow();
			await grace.sync.syncNow();
			await ada.orders.execute('order-1', addItem('b'), ada.as());
			await ada.accounts.execute('account-1', open, ada.as());
			await grace.orders.execute('order-1', addItem('g'), grace.as());

			// Ada's push reaches the server and commits; the server goes down before answering.
			netA.plan = (request) => (isPush(request) ? 'lost' : undefined);
			await expect(ada.sync.syncNow()).rejects.toThrow();
			const restarting = current.close();
			// While it is down, Grace's requests get nowhere (503 while shutting down, then nothing).
			netG.plan = () => 'down';
			await expect(grace.sync.syncNow()).rejects.toThrow();
			await restarting;

			current = await startTestServer({ database: await openPgliteDatabase(dir) });
			netA.plan = () => undefined;
			netG.plan = () => undefined;
			await grace.sync.syncNow();
			await ada.sync.syncNow();
			await grace.sync.syncNow();

			const onServer = await serverLog(current, ws.tokens[0]!);
			expect(duplicates(onServer.map((r) => r.eventId))).toEqual([]);
			expect(onServer.map((r) => [r.streamId, r.version, r.type])).toEqual([
				['order-1', 1, 'OrderCreated'],
				['order-1', 2, 'ItemAdded'],
				['order-1', 3, 'ItemAdded'],
				['account-1', 1, 'AccountOpened'],
				['order-1', 4, 'ItemAdded']
			]);
			for (const d of [ada, grace]) {
				expect(await syncedLog(d.store)).toEqual(onServer);
				expect(await pendingEvents(d.store)).toEqual([]);
				expect((await d.orders.load('order-1')).state).toMatchObject({
					items: [{ lineId: 'a' }, { lineId: 'b' }, { lineId: 'g' }]
				});
			}
		} finally {
			for (const store of stores) store.close();
			await current.close();
			rmSync(dir, { recursive: true, force: true });
		}
	}, 60_000);

	it('a push that arrives while the server shuts down is refused whole (503) and pushed again after the restart', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'rewind-sync-restart-'));
		let current = await startTestServer({ database: await openPgliteDatabase(dir) });
		const stores: { close(): void }[] = [];
		try {
			const ws = await quickWorkspace(current, ['Ada']);
			const net = new FlakyNetwork(() => (request) => current.handle(request));
			const ada = device('ada', net.fetch);
			stores.push(ada.store);
			await ada.sync.login(ws.logins[0]!);
			await ada.accounts.execute('account-1', open, ada.as());
			await ada.sync.syncNow();
			await ada.accounts.execute('account-1', deposit(10), ada.as());
			await ada.accounts.execute('account-1', deposit(20), ada.as());
			current.shutdown();
			const error = await ada.sync.syncNow().catch((e: unknown) => e);
			expect(error).toBeInstanceOf(SyncHttpError);
			expect((error as SyncHttpError).status).toBe(503);
			expect(await pendingEvents(ada.store)).toHaveLength(2);
			await current.close();

			current = await startTestServer({ database: await openPgliteDatabase(dir) });
			expect(await ada.sync.syncNow()).toBe('synced');
			const onServer = await serverLog(current, ws.tokens[0]!);
			expect(onServer).toHaveLength(3);
			expect(await syncedLog(ada.store)).toEqual(onServer);
		} finally {
			for (const store of stores) store.close();
			await current.close();
			rmSync(dir, { recursive: true, force: true });
		}
	}, 60_000);
});
