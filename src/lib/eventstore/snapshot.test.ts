import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from './snapshot';
import { databaseOf, StoreTracker, uniqueName } from './testing';

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

function snapshot(
	overrides: Partial<Snapshot<{ count: number }>> = {}
): Snapshot<{ count: number }> {
	return {
		streamId: 'counter-1',
		version: 100,
		eventId: crypto.randomUUID(),
		snapshotVersion: 1,
		state: { count: 100 },
		...overrides
	};
}

describe('snapshots', () => {
	it('latestSnapshot returns what saveSnapshot saved', async () => {
		const store = stores.open();
		const saved = snapshot();
		await store.saveSnapshot(saved);
		expect(await store.latestSnapshot('counter-1')).toEqual(saved);
	});

	it('latestSnapshot is undefined for a stream without one', async () => {
		const store = stores.open();
		await store.saveSnapshot(snapshot());
		expect(await store.latestSnapshot('counter-2')).toBeUndefined();
	});

	it('keeps only the latest snapshot per stream', async () => {
		const store = stores.open();
		await store.saveSnapshot(snapshot({ version: 100, state: { count: 100 } }));
		const newer = snapshot({ version: 200, state: { count: 200 }, snapshotVersion: 2 });
		await store.saveSnapshot(newer);
		expect(await store.latestSnapshot('counter-1')).toEqual(newer);
		expect(await databaseOf(store).snapshots.count()).toBe(1);
	});

	it('keeps the snapshots of different streams apart', async () => {
		const store = stores.open();
		const one = snapshot({ streamId: 'counter-1', state: { count: 1 } });
		const two = snapshot({ streamId: 'counter-2', state: { count: 2 } });
		await store.saveSnapshot(one);
		await store.saveSnapshot(two);
		await store.saveSnapshot({ ...one, version: 300 });
		expect(await store.latestSnapshot('counter-1')).toEqual({ ...one, version: 300 });
		expect(await store.latestSnapshot('counter-2')).toEqual(two);
	});

	it('survives closing and reopening the database', async () => {
		const name = uniqueName();
		const saved = snapshot();
		const first = stores.open(name);
		await first.saveSnapshot(saved);
		first.close();
		expect(await stores.open(name).latestSnapshot('counter-1')).toEqual(saved);
	});

	it('does not touch the event log', async () => {
		const store = stores.open();
		await store.saveSnapshot(snapshot());
		expect(await databaseOf(store).events.count()).toBe(0);
		expect(await store.streamVersion('counter-1')).toBe(0);
	});
});
