import { AggregateRepository } from '../../src/lib/aggregates';
import { orderAggregate } from '../../src/lib/domain';
import { EventStore } from '../../src/lib/eventstore';
import { databaseOf } from '../../src/lib/eventstore/testing';
import { orderEvents } from '../shared/realistic-events';
import type { Durability } from './api';
import { registry } from './registry';
import { addPending } from './seed';
import { storedRecords } from './stored-records';

const LONG = 'order-bench-long';
const SHORT = 'order-bench-short';
/** How far the latest snapshot is behind the head: half of `snapshotEvery`, the average. */
const TAIL = 50;

/**
 * A long order stream whose latest snapshot is 50 events behind its head (as after normal use
 * with a snapshot every 100), and a 10-event stream.
 */
export async function seedAggregates(
	name: string,
	longCount: number,
	durability: Durability
): Promise<void> {
	const store = new EventStore({
		name,
		registry,
		dexie: { chromeTransactionDurability: durability }
	});
	try {
		const events = orderEvents(longCount, 0, false);
		await addPending(store, storedRecords(LONG, events.slice(0, -TAIL)));
		const repository = new AggregateRepository(store, orderAggregate);
		await repository.load(LONG); // writes the snapshot at the head so far
		await store.append(LONG, events.slice(-TAIL), { expectedVersion: longCount - TAIL });
		await store.append(SHORT, orderEvents(10), { expectedVersion: 0 });
		const snapshot = await store.latestSnapshot(LONG);
		if (snapshot?.version !== longCount - TAIL) throw new Error('the long stream has no snapshot');
	} finally {
		store.close();
	}
}

/** Case 5: the mean of `loads` loads of one stream, on an open database. */
export async function aggregateLoad(
	name: string,
	stream: 'long' | 'short',
	loads: number
): Promise<number> {
	const store = new EventStore({ name, registry });
	await databaseOf(store).open();
	const repository = new AggregateRepository(store, orderAggregate);
	const streamId = stream === 'long' ? LONG : SHORT;
	const start = performance.now();
	for (let i = 0; i < loads; i++) await repository.load(streamId);
	const ms = (performance.now() - start) / loads;
	store.close();
	return ms;
}
