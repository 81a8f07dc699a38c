import { afterEach, describe, expect, it, vi } from 'vitest';
import { increment, StoreTracker } from '../eventstore/testing';
import { counterList, type CounterState } from '../testing';
import { defineProjection } from './define-projection';
import { listKey } from './list-key';
import { ReadModelRunner, type FoldProgress } from './read-model-runner';

const stores = new StoreTracker();
const runners: ReadModelRunner<CounterState>[] = [];
afterEach(async () => {
	for (const runner of runners.splice(0)) await runner.stop();
	stores.closeAll();
});

const counters = defineProjection<CounterState>({
	...counterList,
	name: 'test-counters',
	list: { order: (row) => String(row.value).padStart(8, '0'), descending: true }
});

function runnerOf(store = stores.open(), projection = counters) {
	const runner = new ReadModelRunner(store, projection, { pageSize: 100 });
	runners.push(runner);
	return { store, runner };
}

async function appendMany(store: ReturnType<StoreTracker['open']>, streams: number, each: number) {
	for (let stream = 1; stream <= streams; stream++) {
		const events = Array.from({ length: each }, () => increment(1));
		await store.append(`counter-${stream}`, events, { expectedVersion: 0 });
	}
}

describe('ReadModelRunner', () => {
	it('tells how far a fold of many pages has come, and nothing once it is done', async () => {
		const { store, runner } = runnerOf();
		await appendMany(store, 5, 50);
		const seen: FoldProgress[] = [];
		runner.onChange(() => {
			if (runner.progress) seen.push(runner.progress);
		});
		await runner.start();
		expect(seen.length).toBeGreaterThan(1);
		expect(seen.every(({ done, total }) => done <= total && total === 250)).toBe(true);
		expect(seen.map(({ done }) => done)).toEqual(
			[...seen.map(({ done }) => done)].sort((a, b) => a - b)
		);
		expect(runner.progress).toBeUndefined();
		expect(runner.state?.tallies).toMatchObject({ count: 5 });
	});

	it('shows a command’s row before it is saved, and saves it behind', async () => {
		const { store, runner } = runnerOf();
		await runner.start();
		const told: (number | undefined)[] = [];
		runner.onChange((changes) => {
			if (changes) told.push(changes.get('counter-1')?.row.value);
		});
		await store.append('counter-1', [increment(5)], { expectedVersion: 0 });
		await store.append('counter-1', [increment(2)], { expectedVersion: 1 });
		await runner.settled();
		expect(told).toEqual([5, 7]);
		expect(runner.unsaved.size).toBe(0);
		const [stored] = await store.readModels.entries<CounterState>(counters.name, ['counter-1']);
		expect(stored).toMatchObject({
			version: 2,
			row: { value: 7 },
			order: listKey('00000007', 'counter-1', true)
		});
	});

	it('folds again, from the log, rows another version of the projection made', async () => {
		const { store, runner } = runnerOf();
		await store.append('counter-1', [increment(3)], { expectedVersion: 0 });
		await runner.start();
		await runner.stop();
		const doubled = defineProjection<CounterState>({
			...counters,
			version: 2,
			evolve: (row, event) => ({ ...row, value: row.value + 2 * (event.data as { by: number }).by })
		});
		const next = runnerOf(store, doubled).runner;
		await next.start();
		const [stored] = await store.readModels.entries<CounterState>(counters.name, ['counter-1']);
		expect(stored?.row.value).toBe(6);
		expect(next.state?.version).toBe(2);
	});

	it('leaves out of the list a record whose row has no order, and counts only listed rows', async () => {
		const listedFromTwo = defineProjection<CounterState>({
			...counters,
			list: { order: (row) => (row.value >= 2 ? String(row.value) : undefined) }
		});
		const { store, runner } = runnerOf(undefined, listedFromTwo);
		await runner.start();
		await store.append('counter-1', [increment(1)], { expectedVersion: 0 });
		await store.append('counter-2', [increment(4)], {
			expectedVersion: 0
		});
		await runner.settled();
		expect(runner.state?.tallies).toEqual({ count: 1, 'count:': 1 });
		const page = await store.readModels.page(listedFromTwo.name, { limit: 10 });
		expect(page.map(({ key }) => key)).toEqual(['counter-2']);
	});

	it('says why a fold failed, keeps what it folded, and goes on from there when retried', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const store = stores.open();
		// Saves after each page of the log, as a long first fold does.
		const runner = new ReadModelRunner(store, counters, { pageSize: 100, saveRows: 5 });
		runners.push(runner);
		await appendMany(store, 30, 10);
		const full = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		const realCommit = store.readModels.commit.bind(store.readModels);
		let saves = 0;
		// The browser's storage fills up after the first saves of a long first fold.
		const commit = vi.spyOn(store.readModels, 'commit').mockImplementation((...args) => {
			if (++saves > 1) return Promise.reject(full);
			return realCommit(...args);
		});
		const failures: unknown[] = [];
		runner.onChange(() => failures.push(runner.failure));
		await expect(runner.start()).rejects.toBe(full);
		expect(runner.failure).toBe(full);
		expect(failures.at(-1)).toBe(full);
		expect(runner.ready).toBe(false);
		const stoppedAt = (await store.readModels.state(counters.name))?.seq ?? 0;
		expect(stoppedAt).toBeGreaterThan(0);
		expect(stoppedAt).toBeLessThan(300);

		commit.mockRestore();
		await runner.retry();
		expect(runner.failure).toBeUndefined();
		expect(failures.at(-1)).toBeUndefined();
		expect(runner.ready).toBe(true);
		expect(runner.state?.tallies).toMatchObject({ count: 30 });
		// The same rows as a fold that never failed.
		const fresh = runnerOf(stores.open()).runner;
		await appendMany(fresh.store, 30, 10);
		await fresh.start();
		const keys = Array.from({ length: 30 }, (_, n) => `counter-${n + 1}`);
		const rows = async (of: ReadModelRunner<CounterState>) =>
			(await of.store.readModels.entries<CounterState>(counters.name, keys)).map((entry) => [
				entry?.version,
				entry?.row.value
			]);
		expect(await rows(runner)).toEqual(await rows(fresh));
	});
});
