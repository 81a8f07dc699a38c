import { afterEach, describe, expect, it } from 'vitest';
import { REWOUND } from '../events';
import { databaseOf, increment, metadata, StoreTracker } from '../eventstore/testing';
import { counterList, type CounterState } from '../testing';
import { defineProjection } from './define-projection';
import { ReadModelRunner, type FoldProgress } from './read-model-runner';
import { readModelStore } from './read-model-store';
import { verifyReadModel } from './verify-read-model';

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

const counters = defineProjection<CounterState>({
	...counterList,
	name: 'test-verified-counters',
	list: {
		order: (row) => String(row.value).padStart(8, '0'),
		group: (row) => (row.value % 2 === 0 ? 'even' : 'odd'),
		sums: (row) => ({ value: row.value })
	}
});

type Store = ReturnType<StoreTracker['open']>;

/** A log with rewinds and a discard in it, folded and saved by a runner, which then stops. */
async function seededModel(store: Store = stores.open()) {
	for (let stream = 1; stream <= 6; stream++) {
		await store.append(`counter-${stream}`, [increment(stream), increment(2)], {
			expectedVersion: 0
		});
	}
	await store.append(
		'counter-2',
		[{ type: REWOUND, data: { toVersion: 1 }, metadata: metadata() }],
		{
			expectedVersion: 2
		}
	);
	await store.append('counter-3', [increment(5)], { expectedVersion: 2 });
	await store.discardPending('counter-4', 2);
	// Another projection's record, which this one leaves out.
	const note = { type: 'NoteWritten', data: { title: 'not a counter' }, metadata: metadata() };
	await store.append('note-1', [note], { expectedVersion: 0 });
	const runner = new ReadModelRunner(store, counters, { pageSize: 4 });
	await runner.start();
	await runner.stop();
	return store;
}

describe('verifyReadModel', () => {
	it('finds a settled read model equal to a fresh fold of the whole log', async () => {
		const store = await seededModel();
		const progress: FoldProgress[] = [];
		const verification = await verifyReadModel(store, counters, {
			pageSize: 3,
			onProgress: (step) => progress.push(step)
		});
		expect(verification).toMatchObject({
			equal: true,
			current: true,
			records: 6,
			differences: [],
			differenceCount: 0
		});
		expect(verification.tallies).toBeUndefined();
		// Every event of the log: 6 counters of 2, a rewind, one more, one discarded, a note.
		expect(verification.events).toBe(14);
		// Read a page at a time, up to the log's end.
		expect(progress.length).toBeGreaterThan(2);
		expect(progress.at(-1)).toEqual({ done: await store.lastSeq(), total: await store.lastSeq() });
	});

	it('names each record whose stored row is wrong, extra or missing, and the sums that differ', async () => {
		const store = await seededModel();
		const rows = databaseOf(store).readModelRows;
		const model = counters.name;
		await rows.update([model, 'counter-1'], { row: { value: 99, increments: 2 } });
		await rows.delete([model, 'counter-5']);
		await rows.put({ model, key: 'counter-77', version: 1, row: { value: 1, increments: 1 } });

		const verification = await verifyReadModel(store, counters, { pageSize: 2 });
		expect(verification.equal).toBe(false);
		expect(verification.current).toBe(true);
		expect(verification.differenceCount).toBe(3);
		const byKey = new Map(verification.differences.map((found) => [found.key, found]));
		expect(byKey.get('counter-1')).toMatchObject({
			stored: { row: { value: 99 } },
			expected: { row: { value: 3, increments: 2 }, version: 2 }
		});
		expect(byKey.get('counter-5')).toMatchObject({
			expected: { row: { value: 7, increments: 2 } }
		});
		expect(byKey.get('counter-5')?.stored).toBeUndefined();
		expect(byKey.get('counter-77')).toMatchObject({ stored: { version: 1 } });
		expect(byKey.get('counter-77')?.expected).toBeUndefined();
		// The stored sums still count counter-5 and not counter-77: they agree with each other.
		expect(verification.tallies).toBeUndefined();
	});

	it('reports sums that no longer add up, and keeps only the first differences', async () => {
		const store = await seededModel();
		const state = (await store.readModels.state(counters.name))!;
		await store.readModels.commit(
			counters.name,
			state,
			{ ...state, commit: 'tampered', tallies: { count: 1 } },
			{
				put: [],
				remove: ['counter-1', 'counter-2', 'counter-3']
			}
		);
		const verification = await verifyReadModel(store, counters, { maxDifferences: 2 });
		expect(verification.differenceCount).toBe(3);
		expect(verification.differences.map(({ key }) => key)).toEqual(['counter-1', 'counter-2']);
		expect(verification.tallies?.stored).toEqual({ count: 1 });
		expect(verification.tallies?.expected).toMatchObject({ count: 6 });
	});

	it('says the comparison is not current when the rows are behind the log', async () => {
		const store = await seededModel();
		await store.append('counter-1', [increment(1)], { expectedVersion: 2 });
		const verification = await verifyReadModel(store, counters);
		expect(verification.current).toBe(false);
		expect(verification.differences.map(({ key }) => key)).toEqual(['counter-1']);
	});

	it('through the read model store: settles first, then checks, and a rebuild mends what was wrong', async () => {
		const store = stores.open();
		await seededModel(store);
		const model = readModelStore(store, counters);
		const stop = model.subscribe(() => undefined);
		try {
			await store.append('counter-6', [increment(4)], { expectedVersion: 2 });
			// Saved behind the append; verify waits for it.
			expect(await model.verify()).toMatchObject({ equal: true, current: true });

			await databaseOf(store).readModelRows.delete([counters.name, 'counter-6']);
			expect(await model.verify()).toMatchObject({ equal: false, differenceCount: 1 });
			await model.rebuild();
			expect(await model.verify()).toMatchObject({ equal: true, current: true, records: 6 });
		} finally {
			stop();
		}
	});
});
