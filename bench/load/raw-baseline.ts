import { migrate, type Database } from '../../src/lib/server';
import { rawInsert } from '../server/raw-insert';
import { wireBatch } from '../server/wire-batch';
import { BATCH_SIZE } from './load-device';

/**
 * The baseline: the same 10-event batches as raw multi-row INSERTs into the server's events
 * table, `concurrency` callers at once, back to back for `seconds`: events per second.
 */
export async function rawInsertRate(
	db: Database,
	concurrency: number,
	seconds: number
): Promise<number> {
	await migrate(db);
	const until = performance.now() + seconds * 1000;
	let inserted = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async (_, caller) => {
			while (performance.now() < until) {
				await rawInsert(
					db,
					`workspace-raw-${caller % 20}`,
					wireBatch(BATCH_SIZE, `device-${caller}`)
				);
				if (performance.now() <= until) inserted += BATCH_SIZE;
			}
		})
	);
	return inserted / seconds;
}
