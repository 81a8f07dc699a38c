import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AggregateRepository } from '../../src/lib/aggregates';
import { counterAggregate, testRegistry } from '../../src/lib/testing';
import { EventStore } from '../../src/lib/eventstore';
import type { SyncServer } from '../../src/lib/server/sync-server';
import { createCommandRebaser, rewind, UndoStack } from '../../src/lib/undo';
import { SyncClient } from '../../src/lib/sync/sync-client';
import { pendingEvents, quickWorkspace, startTestServer } from './sync-harness';

// DESIGN.md "Sealed history": a pending rewind that a pulled seal now crosses goes to the
// conflict inbox, on the real server handlers, with the library's fixture counter (`Closed`
// seals it).

const counter = counterAggregate();
const aggregates = [counter];

describe('rebasing a pending rewind across a pulled seal', () => {
	let server: SyncServer;
	const stores: EventStore[] = [];

	beforeAll(async () => {
		server = await startTestServer({ registry: testRegistry });
	}, 60_000);
	afterAll(() => server?.close());
	afterEach(() => {
		for (const store of stores.splice(0)) store.close();
	});

	function device(name: string) {
		const store = new EventStore({
			name: `${name}-${crypto.randomUUID()}`,
			registry: testRegistry
		});
		stores.push(store);
		const deviceId = `device-${name}`;
		const sync = new SyncClient({
			store,
			rebaser: createCommandRebaser(aggregates),
			deviceId,
			baseUrl: 'http://rewind.test',
			fetch: (request) => server.handle(request),
			backoff: { baseMs: 5, maxMs: 20 }
		});
		const as = () => ({ userId: sync.session!.userId, deviceId });
		const counters = new AggregateRepository(store, counter);
		const undo = new UndoStack(store, aggregates, as);
		const act = async (command: object) => {
			const result = await counters.execute('counter-1', command, as());
			undo.record({
				streamId: 'counter-1',
				commandId: result.commandId,
				label: 'change',
				before: result.version - result.events.length,
				after: result.version
			});
			return result;
		};
		return { store, sync, counters, undo, act, as };
	}

	async function pair() {
		const ws = await quickWorkspace(server, ['Ada', 'Grace']);
		const ada = device('ada');
		const grace = device('grace');
		await ada.sync.login(ws.logins[0]!);
		await grace.sync.login(ws.logins[1]!);
		await ada.act({ type: 'Increment', by: 1 });
		await ada.act({ type: 'Increment', by: 2 });
		expect(await ada.sync.syncNow()).toBe('synced');
		expect(await grace.sync.syncNow()).toBe('synced');
		return { ws, ada, grace };
	}

	it('a restore to before the seal goes to the inbox with the seal’s words; the seal stands', async () => {
		const { ws, ada, grace } = await pair();
		const restore = await rewind(
			ada.store,
			aggregates,
			{ streamId: 'counter-1', toVersion: 1 },
			ada.as()
		);
		// Meanwhile Grace closes the counter, and the server has it first.
		await grace.counters.execute('counter-1', { type: 'Close' }, grace.as());
		expect(await grace.sync.syncNow()).toBe('synced');

		await ada.sync.syncNow();
		const conflicts = await ada.sync.conflicts();
		expect(conflicts).toHaveLength(1);
		expect(conflicts[0]).toMatchObject({
			commandId: restore.metadata.commandId,
			streamId: 'counter-1',
			reason: 'The counter was closed, so changes before that can no longer be undone.',
			causedBy: { userId: ws.userIds[1] }
		});
		expect(await pendingEvents(ada.store)).toEqual([]);
		expect(await ada.counters.load('counter-1')).toEqual({
			state: { value: 3, increments: 2, closed: true },
			version: 3
		});
		// Retrying cannot get it through either: the seal is for good.
		expect(await ada.sync.retry(restore.metadata.commandId)).toMatchObject({ applied: false });
	});

	it('an undo of a change from before the seal goes to the inbox too', async () => {
		const { ada, grace } = await pair();
		const undone = await ada.undo.undo();
		expect(undone?.event.data).toMatchObject({ toVersion: 1 });
		await grace.counters.execute('counter-1', { type: 'Close' }, grace.as());
		await grace.sync.syncNow();

		await ada.sync.syncNow();
		const conflicts = await ada.sync.conflicts();
		expect(conflicts.map((conflict) => [conflict.commandId, conflict.reason])).toEqual([
			[
				undone!.event.metadata.commandId,
				'The counter was closed, so changes before that can no longer be undone.'
			]
		]);
		expect((await ada.counters.load('counter-1')).state).toEqual({
			value: 3,
			increments: 2,
			closed: true
		});
	});

	it('a rewind that stays after the pulled seal is rebased onto it', async () => {
		const { ada, grace } = await pair();
		// Ada notes twice and restores to just after her first note, offline.
		await ada.act({ type: 'Annotate', text: 'first' });
		await ada.act({ type: 'Annotate', text: 'second' });
		const restore = await rewind(
			ada.store,
			aggregates,
			{ streamId: 'counter-1', toVersion: 3 },
			ada.as()
		);
		// Meanwhile Grace closes the counter: the seal lands before all of Ada's changes.
		await grace.counters.execute('counter-1', { type: 'Close' }, grace.as());
		await grace.sync.syncNow();

		await ada.sync.syncNow();
		expect(await ada.sync.conflicts()).toEqual([]);
		const events = await ada.store.readStream('counter-1');
		expect(events.map((event) => [event.version, event.type, event.data])).toEqual([
			[1, 'Incremented', { by: 1 }],
			[2, 'Incremented', { by: 2 }],
			[3, 'Closed', {}],
			[4, 'Annotated', { text: 'first' }],
			[5, 'Annotated', { text: 'second' }],
			[6, '$Rewound', { toVersion: 4 }]
		]);
		expect(events.at(-1)?.metadata.commandId).toBe(restore.metadata.commandId);
		expect((await ada.counters.load('counter-1')).state).toEqual({
			value: 3,
			increments: 2,
			closed: true,
			note: 'first'
		});
	});
});
