import { EventStore } from '../../src/lib/eventstore';
import type { Redecide } from '../../src/lib/eventstore';
import type { Durability } from './api';
import {
	committed,
	deleteDatabase,
	openExisting,
	openRawEvents,
	readwrite,
	request
} from './raw-idb';
import { registry } from './registry';
import { settle } from './settle';

/** The backups this round's restores read, of each log, written before the round (untimed). */
const files = new Map<string, Blob>();

/** A fresh database holds nothing to decide again: a call would be a bug, and fails the run. */
const noRebase: Redecide = () => {
	throw new Error('a restore into a fresh database decided a command again');
};

async function written(name: string): Promise<{ blob: Blob; events: number }> {
	const store = new EventStore({ name, registry });
	try {
		const { blob, header } = await store.backup.write({ workspace: null, device: 'bench' });
		return { blob, events: header.counts.events };
	} finally {
		store.close();
	}
}

/** Case 14 set-up: the backups of databases `names` that this round's restores read. */
export async function prepareBackups(
	names: string[]
): Promise<{ bytes: number; events: number }[]> {
	files.clear();
	const sizes = [];
	for (const name of names) {
		const { blob, events } = await written(name);
		files.set(name, blob);
		sizes.push({ bytes: blob.size, events });
	}
	return sizes;
}

/** Case 14: `store.backup.write` of the whole log of `name`, the file made but not saved. */
export async function backupWrite(name: string): Promise<{ ms: number; events: number }> {
	await settle();
	const start = performance.now();
	const { events } = await written(name);
	return { ms: performance.now() - start, events };
}

/** Case 14: `store.backup.restore` of the backup of `of` into a fresh database (deleted after). */
export async function backupRestore(
	of: string,
	durability: Durability
): Promise<{ ms: number; added: number }> {
	const file = files.get(of);
	if (!file) throw new Error(`prepareBackup has not run for ${of}`);
	const name = `bench-restore-${crypto.randomUUID()}`;
	const store = new EventStore({
		name,
		registry,
		dexie: { chromeTransactionDurability: durability }
	});
	try {
		await store.lastSeq();
		await settle();
		const start = performance.now();
		const outcome = await store.backup.restore(file, { workspace: null, redecide: noRebase });
		return { ms: performance.now() - start, added: outcome.added };
	} finally {
		store.close();
		await deleteDatabase(name);
	}
}

/**
 * Case 14 baseline: the same event records as `name` holds, written into a fresh database
 * with the events table's indexes in one raw transaction. Reading them first is not timed.
 */
export async function rawWrite(
	name: string,
	durability: Durability
): Promise<{ ms: number; count: number }> {
	const source = await openExisting(name);
	const records = await request(
		source.transaction('events', 'readonly').objectStore('events').getAll()
	);
	source.close();
	const target = `bench-raw-write-${crypto.randomUUID()}`;
	const db = await openRawEvents(target);
	try {
		await settle();
		const start = performance.now();
		const tx = readwrite(db, 'events', durability);
		const events = tx.objectStore('events');
		for (const record of records) events.add(record);
		await committed(tx);
		return { ms: performance.now() - start, count: records.length };
	} finally {
		db.close();
		await deleteDatabase(target);
	}
}
