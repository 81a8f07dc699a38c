import { EventStore, type StoredCommand } from '../../src/lib/eventstore';
import {
	databaseOf,
	entryFor,
	type EventRecord,
	type OutboxEntry
} from '../../src/lib/eventstore/testing';
import { logBatches } from '../shared/realistic-events';
import type { Durability } from './api';
import { registry } from './registry';
import { storedRecords, type PendingRecord } from './stored-records';

const CHUNK = 5_000;

/**
 * Adds pending records in one transaction, as appends leave them: the events, and for each
 * command's events (the app appends each command's events together) an outbox entry holding
 * the command, which sync keeps until all of its events are on the server.
 */
export async function addPending(store: EventStore, records: PendingRecord[]): Promise<void> {
	const db = databaseOf(store);
	await db.transaction('rw', [db.events, db.outbox], async () => {
		const seqs = await db.events.bulkAdd(records as EventRecord[], { allKeys: true });
		const runs: OutboxEntry[] = [];
		records.forEach((record, index) => {
			const seq = seqs[index]!;
			const sameCommand = records[index - 1]?.metadata.commandId === record.metadata.commandId;
			if (sameCommand) {
				const run = runs.at(-1)!;
				run.last = seq;
				run.command!.eventIds.push(record.eventId);
			} else {
				runs.push(entryFor([{ seq, streamId: record.streamId }], commandOf(record)));
			}
		});
		await db.outbox.bulkAdd(runs);
	});
}

/**
 * Adds records as a device holds them once the server has them all (a device in use for a
 * year): the events and one receipt for the run, positions following seqs.
 */
async function addSynced(store: EventStore, records: PendingRecord[]): Promise<void> {
	const db = databaseOf(store);
	await db.transaction('rw', [db.events, db.receipts], async () => {
		const seqs = await db.events.bulkAdd(records as EventRecord[], { allKeys: true });
		const last = records.at(-1)!.metadata;
		await db.receipts.add({
			seq: seqs[0]!,
			last: seqs.at(-1)!,
			position: seqs[0]!,
			recordedAt: last.occurredAt,
			recordedBy: last.userId
		});
	});
}

/** The command the app would have stored for the command whose first event is `record`. */
function commandOf(record: PendingRecord): StoredCommand {
	const { metadata } = record;
	return {
		commandId: metadata.commandId,
		streamId: record.streamId,
		// As large as the app's: a command carries about what its first event does.
		command: { type: `${record.type}Command`, ...(record.data as object) },
		correlationId: metadata.correlationId,
		userId: metadata.userId,
		deviceId: metadata.deviceId,
		issuedAt: metadata.occurredAt,
		decidedAtVersion: record.version - 1,
		eventIds: [record.eventId]
	};
}

/**
 * Writes a log of `total` events into Rewind's database `name` through the library's own Dexie
 * database, in transactions of 5,000: the records `append` would have stored, stream after
 * stream (orders and accounts), without one transaction per stream, so that seeding 100,000
 * events takes seconds. Returns the last seq.
 */
export async function seedLog(
	name: string,
	total: number,
	durability: Durability,
	synced = false
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
				await (synced ? addSynced : addPending)(store, chunk);
				chunk = [];
			}
		}
		if (chunk.length > 0) await (synced ? addSynced : addPending)(store, chunk);
		return await store.lastSeq();
	} finally {
		store.close();
	}
}
