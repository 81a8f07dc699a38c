import Dexie from 'dexie';
import { EventStore } from '../../src/lib/eventstore';
import { databaseOf } from '../../src/lib/eventstore/testing';
import { orderEvents } from '../shared/realistic-events';
import type { AppendContestant, Durability } from './api';
import {
	assertBaselineIndexes,
	committed,
	deleteDatabase,
	openRawEvents,
	readwrite
} from './raw-idb';
import { registry } from './registry';
import { settle } from './settle';
import { appendWithRxdb } from './rxdb-append';
import { EVENTS_SCHEMA, storedRecords } from './stored-records';

let runs = 0;

/** Case 1: one order stream of `count` realistic events, written in one transaction. */
export async function batchAppend(
	contestant: AppendContestant,
	count: number,
	durability: Durability
): Promise<number> {
	const name = `bench-append-${contestant}-${++runs}-${Date.now()}`;
	const streamId = `order-${crypto.randomUUID()}`;
	const events = orderEvents(count, 0, false);
	try {
		if (contestant === 'rewind') return await appendWithRewind(name, streamId, events, durability);
		const records = storedRecords(streamId, events);
		if (contestant === 'raw') return await appendRaw(name, records, durability);
		if (contestant === 'dexie') return await appendWithDexie(name, records, durability);
		return await appendWithRxdb(name, records, durability);
	} finally {
		await deleteDatabase(name);
	}
}

async function appendWithRewind(
	name: string,
	streamId: string,
	events: ReturnType<typeof orderEvents>,
	durability: Durability
): Promise<number> {
	const store = new EventStore({
		name,
		registry,
		dexie: { chromeTransactionDurability: durability }
	});
	await databaseOf(store).open();
	assertBaselineIndexes(databaseOf(store).backendDB());
	await settle();
	const start = performance.now();
	await store.append(streamId, events, { expectedVersion: 0 });
	const ms = performance.now() - start;
	store.close();
	return ms;
}

async function appendRaw(
	name: string,
	records: ReturnType<typeof storedRecords>,
	durability: Durability
): Promise<number> {
	const db = await openRawEvents(name);
	await settle();
	const start = performance.now();
	const tx = readwrite(db, 'events', durability);
	const store = tx.objectStore('events');
	for (const record of records) store.add(record);
	await committed(tx);
	const ms = performance.now() - start;
	db.close();
	return ms;
}

async function appendWithDexie(
	name: string,
	records: ReturnType<typeof storedRecords>,
	durability: Durability
): Promise<number> {
	const db = new Dexie(name, { chromeTransactionDurability: durability });
	db.version(1).stores({ events: EVENTS_SCHEMA });
	await db.open();
	await settle();
	const start = performance.now();
	await db.table('events').bulkAdd(records);
	const ms = performance.now() - start;
	db.close();
	return ms;
}
