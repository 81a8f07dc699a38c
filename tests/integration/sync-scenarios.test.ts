import { get } from 'svelte/store';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AggregateRepository } from '../../src/lib/aggregates';
import { domainAggregates, orderAggregate } from '../../src/lib/domain';
import { EventStore } from '../../src/lib/eventstore';
import { REWOUND } from '../../src/lib/events';
import { testBackends } from '../../src/lib/server/testing';
import type { SyncServer } from '../../src/lib/server/sync-server';
import { WorkspaceMismatchError } from '../../src/lib/sync/sync-errors';
import { forceRewind, rewind } from '../../src/lib/undo';
import {
	device,
	duplicates,
	pendingEvents,
	quickWorkspace,
	registry,
	serverLog,
	startTestServer,
	syncedLog,
	type Device
} from './sync-harness';
import { databaseOf, storedCommand, storedCommands } from '../../src/lib/eventstore/testing';

// Scenarios of DESIGN.md "The sync client" on the real server handlers: convergence, rebase,
// the conflict inbox, undo across sync, and work adopted at sign-in. One server per backend;
// a fresh workspace per test.

const create = (customerName = 'Kim') => ({ type: 'CreateOrder', customerName, currency: 'EUR' });
const addItem = (lineId: string, quantity = 1, unitPriceCents = 250) => ({
	type: 'AddItem',
	lineId,
	name: `Item ${lineId}`,
	unitPriceCents,
	quantity
});
const address = {
	type: 'SetDeliveryAddress',
	address: { line1: '1 Quay St', city: 'Cork', postcode: 'T12', country: 'Ireland' }
};
const open = { type: 'OpenAccount', holderName: 'Lee', currency: 'EUR' };
const deposit = (amountCents: number) => ({ type: 'Deposit', amountCents });
const withdraw = (amountCents: number) => ({ type: 'Withdraw', amountCents });

describe.each(testBackends())('sync scenarios on $kind', (backend) => {
	let server: SyncServer;
	const stores: { close(): void }[] = [];

	beforeAll(async () => {
		server = await startTestServer({ database: await backend.open() });
	}, 60_000);
	afterAll(() => server?.close());
	afterEach(() => {
		for (const store of stores.splice(0)) store.close();
	});

	/** A workspace whose members each have one signed-in device. */
	async function team<const Names extends string[]>(...names: Names) {
		const ws = await quickWorkspace(server, names);
		const devices: Device[] = [];
		for (const [index, name] of names.entries()) {
			const d = device(name, (request) => server.handle(request));
			stores.push(d.store);
			await d.sync.login(ws.logins[index]!);
			devices.push(d);
		}
		return { ws, devices: devices as { [K in keyof Names]: Device } };
	}

	/** Every device and the server hold the same synced log, nothing pending, no eventId twice. */
	async function expectConverged(token: string, ...devices: Device[]) {
		const onServer = await serverLog(server, token);
		expect(duplicates(onServer.map((row) => row.eventId))).toEqual([]);
		for (const d of devices) {
			expect(await syncedLog(d.store), d.deviceId).toEqual(onServer);
			expect(await pendingEvents(d.store), d.deviceId).toEqual([]);
		}
		return onServer;
	}

	/** Runs a command and records it on the device's undo stack, as the app does. */
	async function act(d: Device, streamId: string, command: object) {
		const repository = streamId.startsWith('order-') ? d.orders : d.accounts;
		const result = await repository.execute(streamId, command, d.as());
		d.undo.record({
			streamId,
			commandId: result.commandId,
			label: (command as { type: string }).type,
			before: result.version - result.events.length,
			after: result.version
		});
		return result;
	}

	describe('convergence', () => {
		it('two devices that edited offline end with the same synced log as the server', async () => {
			const {
				ws,
				devices: [ada, grace]
			} = await team('Ada', 'Grace');
			await act(ada, 'order-1', create('Kim'));
			await act(ada, 'order-1', addItem('a', 2));
			await act(ada, 'account-1', open);
			await act(ada, 'account-1', deposit(500));
			await act(grace, 'order-2', create('Lou'));
			await act(grace, 'order-2', addItem('g'));
			await act(grace, 'order-2', address);
			await act(grace, 'account-2', open);

			expect(await ada.sync.syncNow()).toBe('synced');
			expect(await grace.sync.syncNow()).toBe('synced');
			expect(await ada.sync.syncNow()).toBe('synced');

			const log = await expectConverged(ws.tokens[0]!, ada, grace);
			expect(log.map((row) => [row.streamId, row.version, row.type])).toEqual([
				['order-1', 1, 'OrderCreated'],
				['order-1', 2, 'ItemAdded'],
				['account-1', 1, 'AccountOpened'],
				['account-1', 2, 'MoneyDeposited'],
				['order-2', 1, 'OrderCreated'],
				['order-2', 2, 'ItemAdded'],
				['order-2', 3, 'DeliveryAddressSet'],
				['account-2', 1, 'AccountOpened']
			]);
			// Positions strictly increase: one global order, as every device reads it.
			const positions = log.map((row) => row.position);
			expect(positions).toEqual([...positions].sort((a, b) => a - b));
			expect(new Set(positions).size).toBe(positions.length);
			for (const d of [ada, grace]) {
				expect((await d.orders.load('order-2')).state).toMatchObject({
					status: 'draft',
					customerName: 'Lou',
					items: [{ lineId: 'g' }]
				});
				expect((await d.accounts.load('account-1')).state).toMatchObject({ balanceCents: 500 });
				expect(get(d.sync.status)).toMatchObject({ pending: 0, conflicts: 0, signedIn: true });
				// Once everything is on the server no command needs to be decided again.
				expect((await storedCommands(databaseOf(d.store))).length, d.deviceId).toBe(0);
			}
			// The server set who recorded what, whatever the device claimed.
			const events = await ada.store.readAll();
			expect(events.filter((e) => e.streamId === 'order-2').map((e) => e.recordedBy)).toEqual([
				ws.userIds[1],
				ws.userIds[1],
				ws.userIds[1]
			]);
		});

		it('rebases concurrent additions to one order: both items on both devices, versions renumbered, nothing doubled', async () => {
			const {
				ws,
				devices: [ada, grace]
			} = await team('Ada', 'Grace');
			await act(ada, 'order-1', create());
			await ada.sync.syncNow();
			await grace.sync.syncNow();

			// Both offline.
			const adaAdd = await act(ada, 'order-1', addItem('a'));
			const adaChange = await act(ada, 'order-1', {
				type: 'ChangeQuantity',
				lineId: 'a',
				quantity: 3
			});
			const graceAdd = await act(grace, 'order-1', addItem('g', 2));
			const replacedIds = [...adaAdd.events, ...adaChange.events].map((e) => e.eventId);

			await grace.sync.syncNow();
			await ada.sync.syncNow();
			await grace.sync.syncNow();

			const log = await expectConverged(ws.tokens[0]!, ada, grace);
			expect(log.map((row) => [row.version, row.type, row.commandId])).toEqual([
				[1, 'OrderCreated', expect.any(String)],
				[2, 'ItemAdded', graceAdd.commandId],
				[3, 'ItemAdded', adaAdd.commandId],
				[4, 'ItemQuantityChanged', adaChange.commandId]
			]);
			// Ada's pending events were replaced by new ones: the old ids never reached the server.
			expect(log.map((row) => row.eventId)).not.toEqual(expect.arrayContaining([replacedIds[0]]));
			for (const id of replacedIds) {
				expect(log.some((row) => row.eventId === id)).toBe(false);
				expect(await databaseOf(ada.store).events.where('eventId').equals(id).count()).toBe(0);
			}
			for (const d of [ada, grace]) {
				expect((await d.orders.load('order-1')).state).toMatchObject({
					items: [
						{ lineId: 'g', quantity: 2 },
						{ lineId: 'a', quantity: 3 }
					]
				});
				expect(await d.sync.conflicts()).toEqual([]);
			}
		});
	});

	describe('the conflict inbox', () => {
		it('a change to an order submitted meanwhile goes to the inbox, naming who and when; discard lets it go', async () => {
			const {
				ws,
				devices: [ada, grace]
			} = await team('Ada', 'Grace');
			await act(ada, 'order-1', create());
			await act(ada, 'order-1', addItem('a'));
			await ada.sync.syncNow();
			await grace.sync.syncNow();

			await act(ada, 'order-1', { type: 'SubmitOrder' });
			await ada.sync.syncNow();
			// Grace, offline, adds an item and opens an account.
			const late = await act(grace, 'order-1', addItem('late'));
			await act(grace, 'account-9', open);

			expect(await grace.sync.syncNow()).toBe('synced');

			const submitted = (await ada.store.readStream('order-1')).at(-1)!;
			const conflicts = await grace.sync.conflicts();
			expect(conflicts).toHaveLength(1);
			expect(conflicts[0]).toMatchObject({
				commandId: late.commandId,
				streamId: 'order-1',
				command: {
					commandId: late.commandId,
					command: { type: 'AddItem', lineId: 'late' },
					userId: ws.userIds[1]
				},
				reason: "This order has already been submitted, so it can't be changed.",
				causedBy: { userId: ws.userIds[0], at: submitted.recordedAt }
			});
			expect(get(grace.sync.status)).toMatchObject({ pending: 0, conflicts: 1 });
			// The account, another stream, synced meanwhile.
			expect((await serverLog(server, ws.tokens[0]!)).map((r) => r.streamId)).toContain(
				'account-9'
			);
			expect((await grace.orders.load('order-1')).state).toMatchObject({
				status: 'submitted',
				items: [{ lineId: 'a' }]
			});

			// Retrying cannot help: the order stays submitted.
			expect(await grace.sync.retry(late.commandId)).toEqual({
				applied: false,
				reason: "This order has already been submitted, so it can't be changed."
			});
			await grace.sync.discard(late.commandId);
			expect(await grace.sync.conflicts()).toEqual([]);
			await grace.sync.syncNow();
			await ada.sync.syncNow();
			await expectConverged(ws.tokens[0]!, ada, grace);
			expect(get(grace.sync.status)).toMatchObject({ pending: 0, conflicts: 0 });
		});

		it('retry: still refused (the reason follows the record), then applied once it fits, and synced', async () => {
			const {
				ws,
				devices: [ada, grace]
			} = await team('Ada', 'Grace');
			await act(ada, 'account-1', open);
			await act(ada, 'account-1', deposit(1000));
			await ada.sync.syncNow();
			await grace.sync.syncNow();

			await act(ada, 'account-1', withdraw(700));
			await ada.sync.syncNow();
			const big = await act(grace, 'account-1', withdraw(800));
			const small = await act(grace, 'account-1', deposit(50));
			await act(grace, 'order-7', create());
			await grace.sync.syncNow();

			const [conflict] = await grace.sync.conflicts();
			expect(conflict).toMatchObject({
				commandId: big.commandId,
				reason: "You can't withdraw €8.00: the balance is only €3.00.",
				causedBy: { userId: ws.userIds[0] }
			});
			// The deposit was rebased on Ada's withdrawal, and waits behind the inbox entry.
			const pending = await pendingEvents(grace.store);
			expect(pending.map((e) => [e.streamId, e.version, e.metadata.commandId])).toEqual([
				['account-1', 4, small.commandId]
			]);
			expect((await serverLog(server, ws.tokens[0]!)).map((r) => r.streamId)).toContain('order-7');

			await act(ada, 'account-1', deposit(200));
			await ada.sync.syncNow();
			await grace.sync.syncNow();
			const stillRefused = await grace.sync.retry(big.commandId);
			expect(stillRefused).toEqual({
				applied: false,
				reason: "You can't withdraw €8.00: the balance is only €5.50."
			});
			expect((await grace.sync.conflicts())[0]!.reason).toBe(
				stillRefused.applied ? undefined : stillRefused.reason
			);

			await act(ada, 'account-1', deposit(300));
			await ada.sync.syncNow();
			await grace.sync.syncNow();
			expect(await grace.sync.retry(big.commandId)).toEqual({ applied: true });
			expect(await grace.sync.conflicts()).toEqual([]);
			await grace.sync.syncNow();
			await ada.sync.syncNow();

			const log = await expectConverged(ws.tokens[0]!, ada, grace);
			const account = log.filter((row) => row.streamId === 'account-1');
			expect(account.map((row) => row.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
			expect(account.filter((row) => row.commandId === big.commandId)).toHaveLength(1);
			expect(account.filter((row) => row.commandId === small.commandId)).toHaveLength(1);
			for (const d of [ada, grace]) {
				// 1000 − 700 + 50 + 200 + 300 − 800
				expect((await d.accounts.load('account-1')).state).toMatchObject({ balanceCents: 50 });
			}
		});
	});

	describe('undo, redo and restore across sync', () => {
		it('an undo of a command that went to the inbox is dropped with it', async () => {
			const {
				ws,
				devices: [ada, grace]
			} = await team('Ada', 'Grace');
			await act(ada, 'order-1', create());
			await act(ada, 'order-1', addItem('a'));
			await ada.sync.syncNow();
			await grace.sync.syncNow();

			await act(grace, 'order-1', { type: 'SubmitOrder' });
			await grace.sync.syncNow();
			const added = await act(ada, 'order-1', addItem('b'));
			const undone = await ada.undo.undo();
			expect(undone?.entry.commandId).toBe(added.commandId);

			await ada.sync.syncNow();
			expect((await ada.sync.conflicts()).map((c) => c.commandId)).toEqual([added.commandId]);
			expect(await pendingEvents(ada.store)).toEqual([]);
			// Neither the undo nor its stored command survive: there is nothing left to undo.
			const undoCommandId = undone!.event.metadata.commandId;
			expect(await storedCommand(databaseOf(ada.store), undoCommandId)).toBeUndefined();
			const log = await expectConverged(ws.tokens[0]!, ada, grace);
			expect(log.some((row) => row.commandId === undoCommandId)).toBe(false);
			expect(log.map((row) => row.type)).toEqual(['OrderCreated', 'ItemAdded', 'OrderSubmitted']);
		});

		it('an undo of a pending command that was rebased rewinds to just before it, keeping the others’ change', async () => {
			const {
				ws,
				devices: [ada, grace]
			} = await team('Ada', 'Grace');
			await act(ada, 'order-1', create());
			await ada.sync.syncNow();
			await grace.sync.syncNow();

			const added = await act(ada, 'order-1', addItem('a'));
			await ada.undo.undo();
			await act(grace, 'order-1', addItem('g'));
			await grace.sync.syncNow();
			await ada.sync.syncNow();
			await grace.sync.syncNow();

			const log = await expectConverged(ws.tokens[0]!, ada, grace);
			const last = (await ada.store.readStream('order-1')).at(-1)!;
			expect(log.map((row) => [row.version, row.type])).toEqual([
				[1, 'OrderCreated'],
				[2, 'ItemAdded'],
				[3, 'ItemAdded'],
				[4, REWOUND]
			]);
			expect(last.data).toEqual({ toVersion: 2, undoes: added.commandId });
			for (const d of [ada, grace]) {
				expect((await d.orders.load('order-1')).state).toMatchObject({ items: [{ lineId: 'g' }] });
			}
		});

		it('an undo made offline after someone else changed the record goes to the inbox, naming them', async () => {
			const {
				ws,
				devices: [ada, grace]
			} = await team('Ada', 'Grace');
			await act(ada, 'order-1', create());
			const added = await act(ada, 'order-1', addItem('a'));
			await ada.sync.syncNow();
			await grace.sync.syncNow();

			await act(grace, 'order-1', address);
			await grace.sync.syncNow();
			// Ada has not seen Grace's change: locally her undo is allowed.
			const undone = await ada.undo.undo();
			expect(undone?.entry.commandId).toBe(added.commandId);
			await ada.sync.syncNow();

			const conflicts = await ada.sync.conflicts();
			expect(conflicts).toHaveLength(1);
			expect(conflicts[0]).toMatchObject({
				commandId: undone!.event.metadata.commandId,
				command: { command: { type: '$Rewind', undoes: added.commandId } },
				causedBy: { userId: ws.userIds[1] }
			});
			// The page names Grace from `causedBy`; the stored words never show a raw user id.
			expect(conflicts[0]!.reason).not.toContain(ws.userIds[1]);
			expect(conflicts[0]!.reason).toMatch(/Restore anyway/);
			expect(conflicts[0]!.code).toBe('undo_conflict');
			await expectConverged(ws.tokens[0]!, ada, grace);
			expect((await ada.orders.load('order-1')).state).toMatchObject({
				items: [{ lineId: 'a' }],
				deliveryAddress: { city: 'Cork' }
			});

			// A plain retry asks the same question again; "Restore anyway" makes the undo, which
			// reverts Grace's later change with it, as Ada chose.
			const again = await ada.sync.retry(conflicts[0]!.commandId);
			expect(again.applied).toBe(false);
			expect(!again.applied && again.reason).toMatch(/^Someone else/);
			expect(await ada.sync.retry(conflicts[0]!.commandId, { amend: forceRewind })).toEqual({
				applied: true
			});
			expect(await ada.sync.conflicts()).toEqual([]);
			await ada.sync.syncNow();
			await grace.sync.syncNow();
			await expectConverged(ws.tokens[0]!, ada, grace);
			for (const device of [ada, grace]) {
				const { state } = await device.orders.load('order-1');
				expect(state).toMatchObject({ items: [] });
				expect(state).not.toHaveProperty('deliveryAddress.city', 'Cork');
			}
		});

		it('a redo made offline is rebased behind the others’ change and still restores what the undo left', async () => {
			const {
				ws,
				devices: [ada, grace]
			} = await team('Ada', 'Grace');
			await act(ada, 'account-1', open);
			await ada.sync.syncNow();
			await grace.sync.syncNow();

			await act(ada, 'account-1', deposit(100));
			await ada.undo.undo();
			await ada.undo.redo();
			await act(grace, 'account-1', deposit(40));
			await grace.sync.syncNow();
			await ada.sync.syncNow();
			await grace.sync.syncNow();
			const log = await expectConverged(ws.tokens[0]!, ada, grace);
			const account = await ada.store.readStream('account-1');
			expect(log.filter((r) => r.streamId === 'account-1').map((r) => r.type)).toEqual([
				'AccountOpened',
				'MoneyDeposited',
				'MoneyDeposited',
				REWOUND,
				REWOUND
			]);
			expect(account.slice(3).map((e) => e.data)).toMatchObject([
				{ toVersion: 2 },
				{ toVersion: 3 }
			]);
			for (const d of [ada, grace]) {
				expect((await d.accounts.load('account-1')).state).toMatchObject({ balanceCents: 140 });
			}
		});

		it('a restore is re-aimed at the same change after events of the same person from another device land before it', async () => {
			const { ws, devices } = await team('Ada');
			const [ada] = devices;
			const tablet = device('ada-tablet', (request) => server.handle(request));
			stores.push(tablet.store);
			await tablet.sync.login(ws.logins[0]!);
			await act(ada, 'order-1', create());
			await ada.sync.syncNow();
			await tablet.sync.syncNow();

			// Phone offline: adds a and b, then restores to the state right after a (version 2).
			const a = await act(ada, 'order-1', addItem('a'));
			await act(ada, 'order-1', addItem('b'));
			await rewind(
				ada.store,
				domainAggregates,
				{ streamId: 'order-1', toVersion: 2, expectedVersion: 3 },
				ada.as()
			);
			await act(tablet, 'order-1', address);
			await tablet.sync.syncNow();
			await ada.sync.syncNow();
			await tablet.sync.syncNow();

			expect(await ada.sync.conflicts()).toEqual([]);
			await expectConverged(ws.tokens[0]!, ada, tablet);
			const stream = await ada.store.readStream('order-1');
			expect(stream.map((e) => e.type)).toEqual([
				'OrderCreated',
				'DeliveryAddressSet',
				'ItemAdded',
				'ItemAdded',
				REWOUND
			]);
			// Re-aimed from version 2 to version 3, where `a` now is.
			expect(stream[2]!.metadata.commandId).toBe(a.commandId);
			expect(stream[4]!.data).toEqual({ toVersion: 3 });
			expect((await tablet.orders.load('order-1')).state).toMatchObject({
				items: [{ lineId: 'a' }],
				deliveryAddress: { city: 'Cork' }
			});
		});

		it('a restore to my own pending change is re-aimed after someone else’s change lands before it (their change is kept)', async () => {
			const {
				ws,
				devices: [ada, grace]
			} = await team('Ada', 'Grace');
			await act(ada, 'order-1', create());
			await ada.sync.syncNow();
			await grace.sync.syncNow();

			const a = await act(ada, 'order-1', addItem('a'));
			await act(ada, 'order-1', addItem('b'));
			await rewind(
				ada.store,
				domainAggregates,
				{ streamId: 'order-1', toVersion: 2, expectedVersion: 3 },
				ada.as()
			);
			await act(grace, 'order-1', address);
			await grace.sync.syncNow();
			await ada.sync.syncNow();
			await grace.sync.syncNow();

			// Grace's change lands before the restore's target: restoring to "just after a" keeps it,
			// so nothing of hers is reverted and there is nothing to refuse.
			expect(await ada.sync.conflicts()).toEqual([]);
			await expectConverged(ws.tokens[0]!, ada, grace);
			const stream = await ada.store.readStream('order-1');
			expect(stream[2]!.metadata.commandId).toBe(a.commandId);
			expect(stream.at(-1)!.data).toEqual({ toVersion: 3 });
			expect((await grace.orders.load('order-1')).state).toMatchObject({
				items: [{ lineId: 'a' }],
				deliveryAddress: { city: 'Cork' }
			});
		});

		it('a restore to before someone else’s change that arrived meanwhile is refused into the inbox', async () => {
			const {
				ws,
				devices: [ada, grace]
			} = await team('Ada', 'Grace');
			await act(ada, 'order-1', create());
			await ada.sync.syncNow();
			await grace.sync.syncNow();

			await act(ada, 'order-1', addItem('a'));
			const restore = await rewind(
				ada.store,
				domainAggregates,
				{ streamId: 'order-1', toVersion: 1, expectedVersion: 2 },
				ada.as()
			);
			await act(grace, 'order-1', address);
			await grace.sync.syncNow();
			await ada.sync.syncNow();

			const conflicts = await ada.sync.conflicts();
			expect(conflicts.map((c) => [c.commandId, c.causedBy?.userId])).toEqual([
				[restore.metadata.commandId, ws.userIds[1]]
			]);
			// Her item was rebased and waits behind the inbox entry of its record.
			expect((await pendingEvents(ada.store)).map((e) => [e.version, e.type])).toEqual([
				[3, 'ItemAdded']
			]);
			await ada.sync.discard(restore.metadata.commandId);
			await ada.sync.syncNow();
			await grace.sync.syncNow();
			await expectConverged(ws.tokens[0]!, ada, grace);
			expect((await ada.orders.load('order-1')).state).toMatchObject({
				items: [{ lineId: 'a' }],
				deliveryAddress: { city: 'Cork' }
			});
		});
	});

	describe('signing in to another workspace on the same device', () => {
		// One log never mixes workspaces: the device's log refuses the sign-in with a typed error
		// that carries the new session and changes nothing; the app opens workspace B's own log
		// with that session (`switchWorkspace`). Nothing may leak, be lost or get stuck.

		/** Workspace B with history, then a device that worked in workspace A and signs out. */
		async function switching(pendingInA: (shared: Device) => Promise<unknown>) {
			const {
				ws: wsB,
				devices: [bob]
			} = await team('Bob');
			await act(bob, 'order-b', create('Bea'));
			await act(bob, 'order-b', addItem('b'));
			await bob.sync.syncNow();
			const wsA = await quickWorkspace(server, ['Ada']);
			const shared = device('shared', (request) => server.handle(request));
			stores.push(shared.store);
			await shared.sync.login(wsA.logins[0]!);
			await act(shared, 'order-a', create('Abe'));
			await shared.sync.syncNow();
			// A second round pulls Ada's own event back, which moves the pull cursor past Bob's.
			await shared.sync.syncNow();
			await pendingInA(shared);
			const pendingBefore = await pendingEvents(shared.store);
			const syncedBefore = await syncedLog(shared.store);
			await shared.sync.logout();
			const refusal = await shared.sync.login(wsB.logins[0]!).then(
				() => undefined,
				(error: unknown) => error
			);
			expect(refusal, 'the sign-in is refused').toBeInstanceOf(WorkspaceMismatchError);
			const mismatch = refusal as WorkspaceMismatchError;
			expect(mismatch.code).toBe('workspace_mismatch');
			expect(mismatch.boundWorkspaceId).toBe(await shared.sync.boundWorkspace());
			expect(mismatch.session.workspaceId, 'it carries the new sign-in').not.toBe(
				mismatch.boundWorkspaceId
			);
			// Nothing changed on the first workspace's log.
			expect(shared.sync.session).toBeUndefined();
			expect(await pendingEvents(shared.store)).toEqual(pendingBefore);
			expect(await syncedLog(shared.store)).toEqual(syncedBefore);
			return { shared, wsA, wsB, mismatch };
		}

		it('never pushes a record made in the first workspace into the second one', async () => {
			const { shared, wsB } = await switching((d) => act(d, 'order-secret', create('Secret')));
			await shared.sync.syncNow().catch(() => undefined);
			const logB = await serverLog(server, wsB.tokens[0]!);
			expect(logB.map((row) => row.streamId)).toEqual(['order-b', 'order-b']);
		});

		it('keeps syncing when work of the first workspace is still pending', async () => {
			const { shared, wsA, wsB } = await switching((d) => act(d, 'order-a', addItem('a')));
			expect(await pendingEvents(shared.store)).toHaveLength(1);
			// Back in the first workspace, its pending work goes out there, and only there.
			await shared.sync.login(wsA.logins[0]!);
			expect(await shared.sync.syncNow()).toBe('synced');
			expect(await pendingEvents(shared.store)).toEqual([]);
			const logA = await serverLog(server, wsA.tokens[0]!);
			expect(logA.map((row) => [row.streamId, row.version])).toEqual([
				['order-a', 1],
				['order-a', 2]
			]);
			expect(await syncedLog(shared.store)).toEqual(logA);
			const logB = await serverLog(server, wsB.tokens[0]!);
			expect(logB.map((row) => row.streamId)).toEqual(['order-b', 'order-b']);
		});

		it('pulls the second workspace’s whole history', async () => {
			const { shared, wsB, mismatch } = await switching(() => Promise.resolve());
			// As the app's switchWorkspace: the second workspace's own log takes the session.
			const other = device('shared-b', (request) => server.handle(request), {
				deviceId: shared.deviceId
			});
			stores.push(other.store);
			await other.sync.useSession(mismatch.session);
			expect(await other.sync.syncNow()).toBe('synced');
			const logB = await serverLog(server, wsB.tokens[0]!);
			expect(await syncedLog(other.store)).toEqual(logB);
			expect((await other.orders.load('order-b')).state).toMatchObject({
				customerName: 'Bea',
				items: [{ lineId: 'b' }]
			});
			expect((await other.orders.load('order-a')).version, 'nothing of workspace A').toBe(0);
			expect(await other.sync.boundWorkspace()).toBe(mismatch.session.workspaceId);
		});
	});

	describe('two tabs of one device', () => {
		it('the syncing tab pushes a change made in the other tab without waiting for a poke', async () => {
			const ws = await quickWorkspace(server, ['Ada']);
			const leader = device('leader', (request) => server.handle(request));
			stores.push(leader.store);
			await leader.sync.login(ws.logins[0]!);
			// The other tab: the same IndexedDB database, its own EventStore, no sync client.
			const other = new EventStore({ name: databaseOf(leader.store).name, registry });
			stores.push(other);
			const orders = new AggregateRepository(other, orderAggregate);
			await leader.sync.start();
			try {
				await act(leader, 'order-1', create());
				// Its own changes go out on their own, a moment after they are made.
				await vi.waitFor(
					async () => expect(await serverLog(server, ws.tokens[0]!)).toHaveLength(1),
					{ timeout: 3_000, interval: 50 }
				);
				await orders.execute('order-1', addItem('a'), leader.as());
				await vi.waitFor(
					async () => expect(await serverLog(server, ws.tokens[0]!)).toHaveLength(2),
					{ timeout: 3_000, interval: 50 }
				);
			} finally {
				leader.sync.stop();
			}
		});
	});

	describe('work done before signing in', () => {
		it('is adopted by the person who signs in, and pushed under their id', async () => {
			const ws = await quickWorkspace(server, ['Ada']);
			const ada = device('ada', (request) => server.handle(request), {
				anonymousUserId: 'local-user'
			});
			stores.push(ada.store);
			await act(ada, 'order-1', create());
			await act(ada, 'order-1', addItem('a'));
			await ada.undo.undo();
			await act(ada, 'account-1', open);
			expect((await pendingEvents(ada.store)).map((e) => e.metadata.userId)).toEqual([
				'local-user',
				'local-user',
				'local-user',
				'local-user'
			]);
			expect(await ada.sync.syncNow()).toBe('signed-out');

			await ada.sync.login(ws.logins[0]!);
			expect(await ada.sync.syncNow()).toBe('synced');

			const log = await expectConverged(ws.tokens[0]!, ada);
			expect(log).toHaveLength(4);
			const events = await ada.store.readAll();
			for (const event of events) {
				expect(event.metadata.userId).toBe(ws.userIds[0]);
				expect(event.recordedBy).toBe(ws.userIds[0]);
			}
			expect((await ada.orders.load('order-1')).state).toMatchObject({ items: [] });
		});
	});
});
