import { accountList, orderList } from '../../src/lib/domain';
import { EventStore } from '../../src/lib/eventstore';
import { databaseOf } from '../../src/lib/eventstore/testing';
import { ProjectionRunner } from '../../src/lib/projections';
import { openExisting, request } from './raw-idb';
import { registry } from './registry';

const PROJECTIONS = { 'order-list': orderList, 'account-list': accountList } as const;

/**
 * Case 4: `ProjectionRunner.rebuild()` of each projection at once (checkpoint dropped, whole log
 * folded, checkpoint saved).
 */
export async function rebuild(
	name: string,
	projections: (keyof typeof PROJECTIONS)[]
): Promise<number> {
	const store = new EventStore({ name, registry });
	await databaseOf(store).open();
	const runners = projections.map(
		(projection) =>
			new ProjectionRunner(store, PROJECTIONS[projection] as typeof orderList, () => undefined)
	);
	const start = performance.now();
	// Together, as the app's lists start together: each folds the same pages of the log.
	await Promise.all(runners.map((runner) => runner.rebuild()));
	const ms = performance.now() - start;
	for (const runner of runners)
		if (runner.rows.size === 0) throw new Error('rebuild folded nothing');
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

/** The seq a projection's checkpoint has folded up to; 0 without one. */
export async function checkpointSeq(name: string, projection: string): Promise<number> {
	const db = await openExisting(name);
	try {
		if (!db.objectStoreNames.contains('checkpoints')) return 0;
		const tx = db.transaction('checkpoints', 'readonly');
		const checkpoint = (await request(tx.objectStore('checkpoints').get(projection))) as
			{ seq: number } | undefined;
		return checkpoint?.seq ?? 0;
	} finally {
		db.close();
	}
}
