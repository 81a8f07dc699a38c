import { accountList, orderList } from '../../src/lib/domain';
import { EventStore } from '../../src/lib/eventstore';
import { databaseOf } from '../../src/lib/eventstore/testing';
import { ReadModelRunner } from '../../src/lib/projections';
import { openExisting } from './raw-idb';
import { registry } from './registry';

const PROJECTIONS = { 'order-list': orderList, 'account-list': accountList } as const;

/**
 * Case 4: `ReadModelRunner.rebuild()` of each list at once, as the app runs them: rows dropped,
 * the whole log folded into IndexedDB page by page.
 */
export async function rebuild(
	name: string,
	projections: (keyof typeof PROJECTIONS)[]
): Promise<number> {
	const store = new EventStore({ name, registry });
	await databaseOf(store).open();
	const runners = projections.map(
		(projection) => new ReadModelRunner(store, PROJECTIONS[projection] as typeof orderList)
	);
	const start = performance.now();
	// Together, as the app's lists start together: each folds the same pages of the log.
	await Promise.all(runners.map((runner) => runner.rebuild()));
	const ms = performance.now() - start;
	for (const runner of runners)
		if (!runner.state?.tallies.count) throw new Error('rebuild folded nothing');
	store.close();
	return ms;
}

/** Case 4 baseline: a cursor over the events store in key order, every value kept. */
export async function rawCursorRead(name: string): Promise<{ ms: number; count: number }> {
	const db = await openExisting(name);
	const start = performance.now();
	const values: unknown[] = [];
	const cursorRequest = db.transaction('events', 'readonly').objectStore('events').openCursor();
	await new Promise<void>((resolve, reject) => {
		cursorRequest.onsuccess = () => {
			const cursor = cursorRequest.result;
			if (!cursor) return resolve();
			values.push(cursor.value);
			cursor.continue();
		};
		cursorRequest.onerror = () => reject(cursorRequest.error ?? new Error('cursor failed'));
	});
	const ms = performance.now() - start;
	db.close();
	return { ms, count: values.length };
}

/** The seq a list's read model has folded up to; 0 without one. */
export async function checkpointSeq(name: string, projection: string): Promise<number> {
	const store = new EventStore({ name, registry });
	try {
		return (await store.readModels.state(projection))?.seq ?? 0;
	} finally {
		store.close();
	}
}
