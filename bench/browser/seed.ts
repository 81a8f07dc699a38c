import { EventStore } from '../../src/lib/eventstore';
import { logBatches } from '../shared/realistic-events';
import type { Durability } from './api';
import { registry } from './registry';
import { storedRecords, type PendingRecord } from './stored-records';

const CHUNK = 5_000;

/**
 * Writes a log of `total` events into Rewind's database `name` through the library's own Dexie
 * database, in transactions of 5,000: the records `append` would have stored, stream after
 * stream (orders and accounts), without one transaction per stream, so that seeding 100,000
 * events takes seconds. Returns the last seq.
 */
export async function seedLog(
	name: string,
	total: number,
	durability: Durability
): Promise<number> {
	const store = new EventStore({
		name,
		registry,
		dexie: { chromeTransactionDurability: durability }
	});
	try {
		let chunk: PendingRecord[] = [];
		for (const { streamId, events } of logBatches(total)) {
			chunk.push(...storedRecords(streamId, events));
			if (chunk.length >= CHUNK) {
				await store.db.events.bulkAdd(chunk as never);
				chunk = [];
			}
		}
		if (chunk.length > 0) await store.db.events.bulkAdd(chunk as never);
		return await store.lastSeq();
	} finally {
		store.close();
	}
}
