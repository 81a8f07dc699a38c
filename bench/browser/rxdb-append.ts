import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Durability } from './api';
import { settle } from './settle';
import type { PendingRecord } from './stored-records';

/** The record as RxDB stores it. */
type EventDoc = PendingRecord & { seq: number };

/** Rewind's events table as an RxDB schema: the same fields and, where RxDB allows, indexes. */
const schema: RxJsonSchema<EventDoc> = {
	version: 0,
	primaryKey: 'eventId',
	type: 'object',
	properties: {
		eventId: { type: 'string', maxLength: 100 },
		seq: { type: 'number', minimum: 0, maximum: 1e15, multipleOf: 1 },
		streamId: { type: 'string', maxLength: 200 },
		version: { type: 'number', minimum: 0, maximum: 1e9, multipleOf: 1 },
		type: { type: 'string', maxLength: 100 },
		schemaVersion: { type: 'number' },
		data: { type: 'object' },
		metadata: { type: 'object' }
	},
	required: ['eventId', 'seq', 'streamId', 'version', 'type', 'schemaVersion'],
	indexes: [['streamId', 'version']]
};

/** RxDB's free Dexie-based storage: `bulkInsert` of the same records into one collection. */
export async function appendWithRxdb(
	name: string,
	records: PendingRecord[],
	durability: Durability
): Promise<number> {
	const db = await createRxDatabase({
		name,
		storage: getRxStorageDexie({ chromeTransactionDurability: durability }),
		multiInstance: false,
		eventReduce: false
	});
	try {
		const { events } = await db.addCollections({ events: { schema } });
		const docs: EventDoc[] = records.map((record, index) => ({ ...record, seq: index + 1 }));
		await settle();
		const start = performance.now();
		const result = await events.bulkInsert(docs);
		const ms = performance.now() - start;
		if (result.error.length > 0) throw new Error(`RxDB refused ${result.error.length} documents`);
		return ms;
	} finally {
		await db.remove();
	}
}
