import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import type { EventStore } from './event-store';
import { StoreInspect, type StreamPage } from './store-inspect';
import {
	acceptOnServer,
	databaseOf,
	increment,
	metadata,
	OCCURRED_AT,
	remote,
	StoreTracker
} from './testing';

// The store seen from inside (`StoreInspect`): what an inspector page reads, a page at a time.

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

const inspect = (store: EventStore) => new StoreInspect(store);

async function appendTo(store: ReturnType<StoreTracker['open']>, streamId: string, count: number) {
	const events = Array.from({ length: count }, () => increment(1));
	return store.append(streamId, events, { expectedVersion: 'any' });
}

describe('store.inspect', () => {
	it('counts the log: events, pending work, the server position', async () => {
		const store = stores.open();
		expect(await inspect(store).overview()).toEqual({
			events: 0,
			lastSeq: 0,
			pendingEvents: 0,
			pendingChanges: 0,
			conflicts: 0,
			snapshots: 0,
			rewrites: 0,
			remotePosition: 0
		});
		await store.sync.applyRemote([remote('counter-9', 1, 4)], () => []);
		await appendTo(store, 'counter-1', 3);
		await appendTo(store, 'counter-2', 1);
		await store.discardPending('counter-2', 1);
		expect(await inspect(store).overview()).toEqual({
			events: 4,
			// The discarded event was the last: the highest seq left is the one before it.
			lastSeq: 4,
			pendingEvents: 3,
			pendingChanges: 1,
			conflicts: 0,
			snapshots: 0,
			rewrites: 1,
			remotePosition: 4
		});
	});

	it('lists streams in id order with their versions, a page at a time, by prefix', async () => {
		const store = stores.open();
		await appendTo(store, 'counter-b', 3);
		await appendTo(store, 'note-a', 1);
		await appendTo(store, 'counter-a', 2);
		await appendTo(store, 'counter-c', 1);
		await appendTo(store, 'counter-a', 5);

		const first = await inspect(store).streams({ limit: 2 });
		expect(first).toEqual([
			{ streamId: 'counter-a', version: 7, pending: 7 },
			{ streamId: 'counter-b', version: 3, pending: 3 }
		]);
		const second = await inspect(store).streams({ after: 'counter-b', limit: 2 });
		expect(second.map(({ streamId }) => streamId)).toEqual(['counter-c', 'note-a']);
		expect(await inspect(store).streams({ after: 'note-a', limit: 2 })).toEqual([]);

		const counters = await inspect(store).streams({ prefix: 'counter-', limit: 10 });
		expect(counters.map(({ streamId }) => streamId)).toEqual([
			'counter-a',
			'counter-b',
			'counter-c'
		]);
		expect(await inspect(store).streams({ prefix: 'note', limit: 10 })).toEqual([
			{ streamId: 'note-a', version: 1, pending: 1 }
		]);
		expect(await inspect(store).streams({ prefix: 'order-', limit: 10 })).toEqual([]);
	});

	it('counts a stream’s pending events once some of it is synced', async () => {
		const store = stores.open();
		const { events } = await appendTo(store, 'counter-1', 3);
		await acceptOnServer(databaseOf(store), events[0]!.seq, {
			position: 1,
			recordedAt: OCCURRED_AT
		});
		expect(await inspect(store).streams({ limit: 5 })).toEqual([
			{ streamId: 'counter-1', version: 3, pending: 2 }
		]);
	});

	it('reads a stream’s events as stored, with their sync state and position, a page at a time', async () => {
		const store = stores.open();
		const { events } = await appendTo(store, 'counter-1', 5);
		await acceptOnServer(databaseOf(store), events[0]!.seq, {
			position: 41,
			recordedAt: OCCURRED_AT,
			recordedBy: 'user-9'
		});
		const page = await inspect(store).events('counter-1', { limit: 2 });
		expect(page.map(({ version, sync, position }) => ({ version, sync, position }))).toEqual([
			{ version: 1, sync: 'synced', position: 41 },
			{ version: 2, sync: 'pending', position: undefined }
		]);
		expect(page[0]).toMatchObject({ recordedBy: 'user-9', schemaVersion: 1, data: { by: 1 } });
		const rest = await inspect(store).events('counter-1', { afterVersion: 2, limit: 10 });
		expect(rest.map(({ version }) => version)).toEqual([3, 4, 5]);
		expect(await inspect(store).events('counter-2', { limit: 10 })).toEqual([]);
	});

	it('lists the pending work in local order, each change with its command', async () => {
		const store = stores.open();
		const command = {
			commandId: 'command-1',
			command: { type: 'Increment' },
			correlationId: 'command-1',
			userId: 'user-1',
			deviceId: 'device-1',
			issuedAt: OCCURRED_AT,
			decidedAtVersion: 0
		};
		await store.append(
			'counter-1',
			[increment(1, { metadata: metadata({ commandId: 'command-1' }) }), increment(2)],
			{ expectedVersion: 0, command }
		);
		await appendTo(store, 'counter-2', 1);
		await appendTo(store, 'counter-3', 1);

		const first = await inspect(store).pending({ limit: 2 });
		expect(first).toEqual([
			{
				streamId: 'counter-1',
				firstSeq: 1,
				lastSeq: 2,
				command: { ...command, streamId: 'counter-1', eventIds: expect.any(Array) as string[] }
			},
			{ streamId: 'counter-2', firstSeq: 3, lastSeq: 3 }
		]);
		const rest = await inspect(store).pending({ afterSeq: first.at(-1)!.firstSeq, limit: 2 });
		expect(rest).toEqual([{ streamId: 'counter-3', firstSeq: 4, lastSeq: 4 }]);
	});

	it('lists snapshots by stream id, a page at a time, by prefix', async () => {
		const store = stores.open();
		for (const streamId of ['counter-2', 'note-1', 'counter-1', 'counter-3']) {
			await store.saveSnapshot({
				streamId,
				version: 100,
				eventId: `${streamId}-100`,
				snapshotVersion: 1,
				state: {}
			});
		}
		const ids = async (page: StreamPage) =>
			(await inspect(store).snapshots(page)).map(({ streamId }) => streamId);
		expect(await ids({ limit: 2 })).toEqual(['counter-1', 'counter-2']);
		expect(await ids({ after: 'counter-2', limit: 2 })).toEqual(['counter-3', 'note-1']);
		expect(await ids({ prefix: 'counter-', after: 'counter-1', limit: 5 })).toEqual([
			'counter-2',
			'counter-3'
		]);
		expect(await ids({ prefix: 'note', limit: 5 })).toEqual(['note-1']);
	});

	it('reads every row of a read model, listed or not, by key, a page at a time', async () => {
		const store = stores.open();
		const entry = (key: string, order?: string) => ({ key, version: 1, row: { key }, order });
		await store.readModels.commit(
			'model-a',
			undefined,
			{ version: 1, seq: 1, rewriteId: 0, commit: 'c1', tallies: {} },
			{ put: [entry('b', '1'), entry('a'), entry('c', '2')], remove: [] }
		);
		await store.readModels.commit(
			'model-b',
			undefined,
			{ version: 1, seq: 1, rewriteId: 0, commit: 'c2', tallies: {} },
			{ put: [entry('a', '1')], remove: [] }
		);
		expect(await inspect(store).readModelCount('model-a')).toBe(3);
		const first = await inspect(store).readModelRows('model-a', { limit: 2 });
		expect(first.map(({ key, order }) => [key, order])).toEqual([
			['a', undefined],
			['b', '1']
		]);
		const rest = await inspect(store).readModelRows('model-a', { after: 'b', limit: 2 });
		expect(rest.map(({ key }) => key)).toEqual(['c']);
	});

	it('refuses a page of no size', async () => {
		const store = stores.open();
		await expect(inspect(store).streams({ limit: 0 })).rejects.toBeInstanceOf(ValidationError);
		await expect(inspect(store).pending({ limit: 1.5 })).rejects.toBeInstanceOf(ValidationError);
	});
});
