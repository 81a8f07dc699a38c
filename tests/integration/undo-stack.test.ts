import { get } from 'svelte/store';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandContextInput } from '../../src/lib/aggregates';
import { REWOUND } from '../../src/lib/events';
import type { EventStore } from '../../src/lib/eventstore';
import {
	acceptOnServer,
	databaseOf,
	dumpDatabase,
	StoreTracker
} from '../../src/lib/eventstore/testing';
import { ada, bob, domainRegistry, repositories, domainAggregates } from './domain-harness';
import { UndoConflictError, isUndoConflictError } from '../../src/lib/undo/undo-conflict-error';
import { UndoStack } from '../../src/lib/undo/undo-stack';

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

const carol = { userId: 'carol', deviceId: 'carol-tablet' } satisfies CommandContextInput;

/** A device of Ada's: her undo stack, and commands that are recorded on it as the app does. */
function device() {
	const store = stores.open(undefined, domainRegistry);
	const { orders, accounts } = repositories(store);
	const stack = new UndoStack(store, domainAggregates, () => ada);
	const repositoryOf = (streamId: string) => (streamId.startsWith('order-') ? orders : accounts);

	async function load(streamId: string): Promise<unknown> {
		return (await repositoryOf(streamId).load(streamId)).state;
	}

	/** Runs a command; Ada's are recorded on her stack unless `record` says otherwise. */
	async function act(
		streamId: string,
		command: object,
		context: CommandContextInput = ada,
		record = context.userId === ada.userId
	) {
		const result = await repositoryOf(streamId).execute(streamId, command, context);
		if (record) {
			stack.record({
				streamId,
				commandId: result.commandId,
				label: (command as { type: string }).type,
				before: result.version - result.events.length,
				after: result.version
			});
		}
		return result;
	}

	return { store, stack, orders, accounts, load, act };
}

const create = (customerName = 'Ada') => ({ type: 'CreateOrder', customerName, currency: 'EUR' });
const addItem = (lineId: string, quantity = 1) => ({
	type: 'AddItem',
	lineId,
	name: `Item ${lineId}`,
	unitPriceCents: 250,
	quantity
});
const open = { type: 'OpenAccount', holderName: 'Ada', currency: 'EUR' };

/** Every value a readable store takes, from now on. */
function values<T>(readable: { subscribe: (run: (value: T) => void) => () => void }): T[] {
	const seen: T[] = [];
	readable.subscribe((value) => seen.push(value));
	return seen;
}

async function versions(store: EventStore, streamIds: string[]) {
	return Promise.all(streamIds.map((streamId) => store.streamVersion(streamId)));
}

describe('UndoStack: undo and redo chains', () => {
	it('undoes any depth of commands one by one, each time returning exactly the state before that command, and redoes them all back', async () => {
		const { stack, load, act } = device();
		const commands = [
			create(),
			addItem('a'),
			addItem('b', 3),
			{ type: 'ChangeQuantity', lineId: 'a', quantity: 4 },
			{ type: 'RemoveItem', lineId: 'b' },
			{
				type: 'SetDeliveryAddress',
				address: { line1: '1 Market St', city: 'Leeds', postcode: 'LS1', country: 'GB' }
			},
			addItem('c'),
			{ type: 'AdjustQuantity', lineId: 'c', by: 2 }
		];
		const before: unknown[] = [];
		const after: unknown[] = [];
		for (const command of commands) {
			before.push(await load('order-1'));
			await act('order-1', command);
			after.push(await load('order-1'));
		}

		for (let index = commands.length - 1; index >= 0; index--) {
			const outcome = await stack.undo();
			expect(outcome?.entry.label).toBe(commands[index]!.type);
			expect(await load('order-1')).toEqual(before[index]);
		}
		expect(await stack.undo()).toBeUndefined();
		expect(await load('order-1')).toEqual({ status: 'none' });

		for (let index = 0; index < commands.length; index++) {
			await stack.redo();
			expect(await load('order-1')).toEqual(after[index]);
		}
		expect(await stack.redo()).toBeUndefined();

		// And down again, half way, after the redos.
		for (let index = commands.length - 1; index >= commands.length / 2; index--) {
			await stack.undo();
			expect(await load('order-1')).toEqual(before[index]);
		}
	});

	it('appends one $Rewound per undo and redo, naming the command it undoes or redoes, and deletes nothing', async () => {
		const { store, stack, act } = device();
		await act('order-1', create());
		const { commandId } = await act('order-1', addItem('a'));
		const undone = await stack.undo();
		expect(undone?.event).toMatchObject({
			streamId: 'order-1',
			version: 3,
			type: REWOUND,
			data: { toVersion: 1, undoes: commandId },
			metadata: { userId: 'ada', deviceId: 'ada-laptop' }
		});
		expect(undone?.event.data).not.toHaveProperty('redoes');
		const redone = await stack.redo();
		expect(redone?.event).toMatchObject({
			version: 4,
			type: REWOUND,
			data: { toVersion: 2, redoes: commandId }
		});
		expect(redone?.event.data).not.toHaveProperty('undoes');
		const log = await store.readStream('order-1');
		expect(log.map((event) => event.type)).toEqual(['OrderCreated', 'ItemAdded', REWOUND, REWOUND]);
	});

	it('two quick Ctrl+Z presses (undo twice without waiting) undo two different commands', async () => {
		const { stack, load, act } = device();
		await act('order-1', create());
		const stateBefore = await load('order-1');
		const first = await act('order-1', addItem('a'));
		const second = await act('order-1', addItem('b'));

		const [undoneFirst, undoneSecond] = await Promise.all([stack.undo(), stack.undo()]);
		expect(undoneFirst?.entry.commandId).toBe(second.commandId);
		expect(undoneSecond?.entry.commandId).toBe(first.commandId);
		expect(await load('order-1')).toEqual(stateBefore);

		// Quick presses mixed with Ctrl+Shift+Z run in the order they were pressed.
		const [redone, undoneAgain, redoneAgain] = await Promise.all([
			stack.redo(),
			stack.undo(),
			stack.redo()
		]);
		expect(redone?.entry.commandId).toBe(first.commandId);
		expect(undoneAgain?.entry.commandId).toBe(first.commandId);
		expect(redoneAgain?.entry.commandId).toBe(first.commandId);
		expect((await load('order-1')) as object).toMatchObject({ items: [{ lineId: 'a' }] });
	});

	it('a new command clears what could be redone', async () => {
		const { store, stack, load, act } = device();
		await act('order-1', create());
		await act('order-1', addItem('a'));
		await stack.undo();
		expect(get(stack.canRedo)).toBe(true);

		await act('order-1', addItem('b'));
		expect(get(stack.canRedo)).toBe(false);
		expect(get(stack.nextRedo)).toBeUndefined();
		const before = await dumpDatabase(databaseOf(store));
		expect(await stack.redo()).toBeUndefined();
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
		expect((await load('order-1')) as object).toMatchObject({ items: [{ lineId: 'b' }] });
	});

	it('canUndo and canRedo (and nextUndo, nextRedo) follow every record, undo, redo and clear', async () => {
		const { stack, act } = device();
		const canUndo = values(stack.canUndo);
		const canRedo = values(stack.canRedo);
		const nextUndo = values(stack.nextUndo);
		expect([canUndo.at(-1), canRedo.at(-1)]).toEqual([false, false]);

		const created = await act('order-1', create());
		expect([canUndo.at(-1), canRedo.at(-1)]).toEqual([true, false]);
		expect(nextUndo.at(-1)).toMatchObject({ commandId: created.commandId, label: 'CreateOrder' });

		await stack.undo();
		expect([canUndo.at(-1), canRedo.at(-1)]).toEqual([false, true]);
		expect(get(stack.nextRedo)).toMatchObject({ commandId: created.commandId });
		await stack.redo();
		expect([canUndo.at(-1), canRedo.at(-1)]).toEqual([true, false]);
		await act('order-1', addItem('a'));
		await stack.undo();
		expect([canUndo.at(-1), canRedo.at(-1)]).toEqual([true, true]);
		stack.clear();
		expect([canUndo.at(-1), canRedo.at(-1)]).toEqual([false, false]);
		expect(canUndo).toEqual([false, true, false, true, false]);
	});

	it('does not record a command that changed nothing', async () => {
		const { stack, act } = device();
		await act('order-1', create());
		await act('order-1', addItem('a', 2));
		const unchanged = await act('order-1', { type: 'ChangeQuantity', lineId: 'a', quantity: 2 });
		expect(unchanged.events).toEqual([]);
		expect(get(stack.nextUndo)?.label).toBe('AddItem');
	});

	it('undoes across records in last-in, first-out order, each undo touching only its own record', async () => {
		const { store, stack, load, act } = device();
		const streams = ['order-1', 'account-1', 'order-2'];
		const states: Record<string, unknown[]> = { 'order-1': [], 'account-1': [], 'order-2': [] };
		const plan: [string, object][] = [
			['order-1', create()],
			['account-1', open],
			['order-2', create('Bea')],
			['account-1', { type: 'Deposit', amountCents: 900 }],
			['order-1', addItem('a')],
			['account-1', { type: 'Withdraw', amountCents: 400 }],
			['order-2', addItem('x', 2)]
		];
		for (const [streamId, command] of plan) {
			states[streamId]!.push(await load(streamId));
			await act(streamId, command);
		}

		for (const [streamId] of [...plan].reverse()) {
			const others = streams.filter((other) => other !== streamId);
			const untouched = await versions(store, others);
			const outcome = await stack.undo();
			expect(outcome?.entry.streamId).toBe(streamId);
			expect(await load(streamId)).toEqual(states[streamId]!.pop());
			expect(await versions(store, others)).toEqual(untouched);
		}
		for (const streamId of streams) expect(await load(streamId)).toEqual({ status: 'none' });

		for (const [streamId] of plan) {
			expect((await stack.redo())?.entry.streamId).toBe(streamId);
		}
		expect(await load('account-1')).toMatchObject({ status: 'open', balanceCents: 500 });
	});
});

describe('UndoStack: discarded commands', () => {
	it('a command whose events were discarded does not block undoing the commands before it', async () => {
		const { store, stack, load, act } = device();
		await act('account-1', open);
		await act('order-1', create());
		await act('order-1', addItem('a'));
		// Unsend: the item never left the device, and Ada drops it.
		await store.discardPending('order-1', 2);
		expect(await load('order-1')).toMatchObject({ status: 'draft', items: [] });

		// Ctrl+Z now undoes the latest command that still exists, then the one before it.
		const first = await stack.undo();
		expect(first?.entry.streamId).toBe('order-1');
		expect(await load('order-1')).toEqual({ status: 'none' });
		const second = await stack.undo();
		expect(second?.entry.streamId).toBe('account-1');
		expect(await load('account-1')).toEqual({ status: 'none' });
	});

	it('an undo discarded from the inbox never happened: its change can be undone again', async () => {
		const { stack, load, act } = device();
		await act('order-1', create());
		const added = await act('order-1', addItem('a'));
		const undo = await stack.undo();
		expect(get(stack.nextRedo)?.commandId).toBe(added.commandId);

		// Any other command id changes nothing.
		stack.discarded(added.commandId);
		stack.discarded('not-one-of-ours');
		expect(get(stack.nextRedo)?.commandId).toBe(added.commandId);

		// The undo went to the inbox (someone changed the record since) and Ada discarded it.
		stack.discarded(undo!.event.metadata.commandId);
		expect(get(stack.nextUndo)?.commandId).toBe(added.commandId);
		expect(get(stack.canRedo)).toBe(false);
		expect((await stack.undo())?.entry.commandId).toBe(added.commandId);
		expect(await load('order-1')).toMatchObject({ items: [] });
	});
});

describe('UndoStack: someone else changed the record since', () => {
	it('refuses to undo, naming who changed it and when, and writes nothing', async () => {
		const { store, stack, load, act } = device();
		await act('order-1', create());
		await act('order-1', addItem('a'));
		const theirs = await act(
			'order-1',
			{ type: 'ChangeQuantity', lineId: 'a', quantity: 7 },
			{ ...bob, now: new Date('2026-02-03T04:05:06.000Z') }
		);
		const before = await dumpDatabase(databaseOf(store));

		const refusal = await stack.undo().catch((error: unknown) => error);
		expect(refusal).toBeInstanceOf(UndoConflictError);
		expect(isUndoConflictError(refusal)).toBe(true);
		expect(refusal).toMatchObject({
			code: 'undo_conflict',
			streamId: 'order-1',
			changedBy: 'bob',
			changedAt: '2026-02-03T04:05:06.000Z'
		});
		// Named by the page, from `changedBy`: the message itself never shows a raw user id.
		expect((refusal as Error).message).not.toContain('bob');
		expect((refusal as Error).message).toMatch(/^Someone else changed this record/);
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
		expect(get(stack.canUndo)).toBe(true);
		expect(get(stack.canRedo)).toBe(false);
		expect(theirs.state).toEqual(await load('order-1'));
	});

	it('names the last person who changed it, and their time on the server once synced', async () => {
		const { store, stack, act } = device();
		await act('account-1', open);
		await act('account-1', { type: 'Deposit', amountCents: 100 });
		await act('account-1', { type: 'Deposit', amountCents: 5 }, bob);
		const { events } = await act('account-1', { type: 'Deposit', amountCents: 7 }, carol);
		await acceptOnServer(databaseOf(store), events[0]!.seq, {
			position: 1,
			recordedAt: '2026-05-06T07:08:09.000Z'
		});
		await expect(stack.undo()).rejects.toMatchObject({
			changedBy: 'carol',
			changedAt: '2026-05-06T07:08:09.000Z'
		});
	});

	it('“restore anyway” (force) undoes my command and reverts their later change with it', async () => {
		const { store, stack, load, act } = device();
		await act('order-1', create());
		const mine = await load('order-1');
		const { commandId } = await act('order-1', addItem('a'));
		await act('order-1', addItem('b'), bob);

		const outcome = await stack.undo({ force: true });
		expect(outcome?.entry.commandId).toBe(commandId);
		expect(await load('order-1')).toEqual(mine);
		expect(outcome?.event).toMatchObject({
			version: 4,
			data: { toVersion: 1, undoes: commandId },
			metadata: { userId: 'ada' }
		});
		expect(await store.streamVersion('order-1')).toBe(4);
	});

	it('refuses a redo after someone else changed the record since the undo; force redoes it', async () => {
		const { store, stack, load, act } = device();
		await act('account-1', open);
		await act('account-1', { type: 'Deposit', amountCents: 300 });
		const withDeposit = await load('account-1');
		await stack.undo();
		await act('account-1', { type: 'Deposit', amountCents: 20 }, bob);
		const before = await dumpDatabase(databaseOf(store));

		await expect(stack.redo()).rejects.toMatchObject({ changedBy: 'bob' });
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
		expect(get(stack.canRedo)).toBe(true);

		await stack.redo({ force: true });
		expect(await load('account-1')).toEqual(withDeposit);
	});

	it('refuses over their change in the middle of the stream, though my own change came after it', async () => {
		const { store, stack, load, act } = device();
		await act('order-1', create());
		await act('order-1', addItem('a'));
		await act(
			'order-1',
			{ type: 'ChangeQuantity', lineId: 'a', quantity: 7 },
			{ ...bob, now: new Date('2026-02-03T04:05:06.000Z') }
		);
		// Ada again, from another tab of hers: the record's newest event is hers, Bob's is under it.
		await act('order-1', addItem('b'), ada, false);
		const state = await load('order-1');
		const before = await dumpDatabase(databaseOf(store));

		await expect(stack.undo()).rejects.toMatchObject({
			code: 'undo_conflict',
			streamId: 'order-1',
			changedBy: 'bob',
			changedAt: '2026-02-03T04:05:06.000Z'
		});
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
		expect(await load('order-1')).toEqual(state);
		expect(get(stack.canUndo)).toBe(true);
	});

	it('refuses over my own later change from another tab or device, saying so; force undoes both', async () => {
		const { store, stack, load, act } = device();
		await act('account-1', open);
		await act('account-1', { type: 'Deposit', amountCents: 1000 });
		// Written by Ada but not through this stack: another tab of hers, or her phone.
		await act(
			'account-1',
			{ type: 'Deposit', amountCents: 2000 },
			{ ...ada, now: new Date('2026-03-04T05:06:07.000Z') },
			false
		);
		const state = await load('account-1');
		const before = await dumpDatabase(databaseOf(store));

		const refusal = await stack.undo().catch((error: unknown) => error);
		expect(refusal).toMatchObject({
			code: 'undo_conflict',
			changedBy: 'ada',
			changedAt: '2026-03-04T05:06:07.000Z',
			origin: 'other-tab'
		});
		expect((refusal as Error).message).toContain('You changed this record again in another tab.');
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
		expect(await load('account-1')).toEqual(state);

		await stack.undo({ force: true });
		expect(await load('account-1')).toMatchObject({ balanceCents: 0 });
	});

	it('says where my own later change came from: another device, or a reaction in my name', async () => {
		const { stack, act } = device();
		await act('account-1', open);
		await act('account-1', { type: 'Deposit', amountCents: 1000 });
		await act(
			'account-1',
			{ type: 'Deposit', amountCents: 5 },
			{ ...ada, deviceId: 'ada-phone' },
			false
		);
		await expect(stack.undo()).rejects.toMatchObject({ origin: 'other-device' });
		await act(
			'account-1',
			{ type: 'Withdraw', amountCents: 5 },
			{ ...ada, causationId: 'a-payment-requested' },
			false
		);
		const refusal = await stack.undo().catch((error: unknown) => error);
		expect(refusal).toMatchObject({ origin: 'reaction' });
		expect((refusal as Error).message).toContain('An automatic change');
	});

	it('my own later changes through this stack, undone or redone, are not a conflict', async () => {
		const { stack, load, act } = device();
		await act('order-1', create());
		await act('order-1', addItem('a'));
		await act('order-1', addItem('b'));
		await stack.undo();
		await stack.redo();
		await stack.undo();
		// Under the undone b: its events, its undo, its redo and the second undo are all this stack's.
		const outcome = await stack.undo();
		expect(outcome?.entry.label).toBe('AddItem');
		expect(await load('order-1')).toMatchObject({ status: 'draft', items: [] });
	});
});

describe('UndoStack: a toast’s button means its own change', () => {
	it('undoes the change it names while it is the latest', async () => {
		const { stack, load, act } = device();
		await act('order-1', create());
		const { commandId } = await act('order-1', addItem('a'));
		const outcome = await stack.undo({ change: commandId });
		expect(outcome?.entry.commandId).toBe(commandId);
		expect(await load('order-1')).toMatchObject({ items: [] });
		const redone = await stack.redo({ change: commandId });
		expect(redone?.entry.commandId).toBe(commandId);
	});

	it('refuses, changing nothing, once another change lies on top of it, or it was undone already', async () => {
		const { store, stack, act } = device();
		await act('order-1', create());
		const { commandId } = await act('order-1', addItem('a'));
		const opened = await act('account-1', open);
		const before = await dumpDatabase(databaseOf(store));
		await expect(stack.undo({ change: commandId })).rejects.toMatchObject({
			code: 'change_not_latest',
			meant: 'AddItem',
			latest: 'OpenAccount'
		});
		expect(await dumpDatabase(databaseOf(store))).toBe(before);

		await stack.undo();
		await stack.undo();
		await expect(stack.undo({ change: commandId })).rejects.toMatchObject({
			code: 'change_not_latest',
			meant: undefined
		});
		// The redo list's top is the change undone last (AddItem), not the account.
		await expect(stack.redo({ change: opened.commandId })).rejects.toMatchObject({
			meant: 'OpenAccount',
			latest: 'AddItem'
		});
	});
});
