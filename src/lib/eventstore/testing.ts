// Fixtures for the event store's tests: the store's test seam (raw writes and dumps of its
// storage), a metadata maker, and the library's fixture domain's registry. Not part of the
// library's public surface.
import type { EventInput, EventMetadata, StoredEvent } from '../events';
import { testRegistry } from '../testing/registry';
import type { RewindDatabase } from './internal/database';
import { internalsOf } from './internal/internals';
import { EventStore } from './event-store';
import { commandsIn, entryFor } from './internal/outbox';

// For seeding raw storage (the bench's big logs): the layout a test may write directly.
export { entryFor, type OutboxEntry } from './internal/outbox';
export { lastSeqOf, type EventRecord } from './internal/receipts';
import { receiptFor, recordOf } from './internal/receipts';
import { markSynced } from './internal/sync-state-store';
import type { RemoteEvent } from './store-sync';
import type { StoredCommand } from './stored-command';

// The store's tests write the fixture domain's events (src/lib/testing): counters' `Incremented`
// and notes' `NoteWritten` and `NoteRenamed`, types with a schema history.
export { testRegistry };

export const OCCURRED_AT = '2024-05-01T10:00:00.000Z';

export function metadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
	return {
		commandId: crypto.randomUUID(),
		correlationId: crypto.randomUUID(),
		userId: 'user-1',
		deviceId: 'device-1',
		occurredAt: OCCURRED_AT,
		...overrides
	};
}

export function increment(by = 1, overrides: Partial<EventInput> = {}): EventInput {
	return { type: 'Incremented', data: { by }, metadata: metadata(), ...overrides };
}

export function uniqueName(): string {
	return `rewind-test-${crypto.randomUUID()}`;
}

/**
 * The store's own Dexie database, for tests that must look at (or write) raw storage. Only
 * tests: every other layer goes through the store's named methods.
 */
export function databaseOf(store: EventStore): RewindDatabase {
	return internalsOf(store).db;
}

/**
 * Tells the store's listeners, in this tab and the others, that these streams changed, as the
 * store does after each commit: for tests that write raw storage or play another tab.
 */
export function announce(store: EventStore, streamIds: string[], rewritten: boolean): void {
	internalsOf(store).announce(streamIds, rewritten);
}

/** Opens stores and closes every one of them in `closeAll` (call it in `afterEach`). */
export class StoreTracker {
	readonly #open: EventStore[] = [];

	open(name: string = uniqueName(), registry = testRegistry): EventStore {
		const store = new EventStore({ name, registry });
		this.#open.push(store);
		return store;
	}

	closeAll(): void {
		for (const store of this.#open.splice(0)) store.close();
	}
}

/**
 * Writes an event as it could arrive from elsewhere (a pull, a newer build), bypassing
 * `append` and its validation. Returns the stored event with its `seq`.
 */
export async function writeRaw(
	db: RewindDatabase,
	event: Partial<StoredEvent> & Pick<StoredEvent, 'streamId' | 'version' | 'type' | 'data'>
): Promise<StoredEvent> {
	const stored = {
		eventId: crypto.randomUUID(),
		schemaVersion: 1,
		metadata: metadata(),
		sync: 'pending',
		...event
	} as StoredEvent;
	const seq = await db.transaction('rw', [db.events, db.outbox, db.receipts], async () => {
		const seq = await db.events.add(recordOf(stored));
		if (stored.sync === 'pending')
			await db.outbox.add(entryFor([{ seq, streamId: stored.streamId }]));
		else await db.receipts.add(receiptFor(seq, stored as Required<StoredEvent>));
		return seq;
	});
	return { ...stored, seq };
}

/**
 * Records that the server accepted a stored pending event, as a push's answer does; the
 * author defaults to the event's own user.
 */
export async function acceptOnServer(
	db: RewindDatabase,
	seq: number,
	ack: { position: number; recordedAt: string; recordedBy?: string }
): Promise<void> {
	await db.transaction('rw', [db.events, db.outbox, db.receipts], async () => {
		const record = await db.events.get(seq);
		if (!record) throw new Error(`no event with seq ${seq}`);
		const receipt = receiptFor(seq, { recordedBy: record.metadata.userId, ...ack });
		await markSynced(db, [{ ...receipt, streamId: record.streamId }]);
	});
}

/** Writes an event as the server accepted it: synced, with a position. */
export function writeSynced(
	db: RewindDatabase,
	event: Pick<StoredEvent, 'streamId' | 'version' | 'position'> & Partial<StoredEvent>
): Promise<StoredEvent> {
	return writeRaw(db, {
		type: 'Incremented',
		data: { by: 1 },
		sync: 'synced',
		recordedAt: OCCURRED_AT,
		recordedBy: 'user-2',
		...event
	});
}

/** Every row of every table (whatever tables the schema has), to prove a failed write changed nothing. */
export async function dumpDatabase(
	db: RewindDatabase,
	options: { except?: readonly string[] } = {}
): Promise<string> {
	const tables: Record<string, unknown[]> = {};
	for (const table of [...db.tables].sort((a, b) => a.name.localeCompare(b.name))) {
		if (options.except?.includes(table.name)) continue;
		tables[table.name] = await table.toArray();
	}
	return JSON.stringify(tables);
}

type StoreWrite = (this: IDBObjectStore, ...args: unknown[]) => IDBRequest;
const quotaFailures: { db: RewindDatabase; tables: readonly string[]; failing: boolean }[] = [];

/**
 * Makes writes to `tables` of this connection fail as a full disk does while `failing` is
 * true. It works at IndexedDB's own `add`/`put`, under Dexie and under the append's native
 * transaction alike, so every write path meets the same full disk.
 */
export function injectQuotaFailure(db: RewindDatabase, tables: readonly string[]) {
	if (quotaFailures.length === 0) {
		for (const method of ['add', 'put'] as const) {
			// eslint-disable-next-line @typescript-eslint/unbound-method -- called with apply, on its store
			const original = IDBObjectStore.prototype[method] as StoreWrite;
			IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: unknown[]) {
				const connection = this.transaction.db;
				const failure = quotaFailures.find(
					(entry) =>
						entry.failing &&
						entry.tables.includes(this.name) &&
						entry.db.isOpen() &&
						entry.db.backendDB() === connection
				);
				if (failure) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
				return original.apply(this, args);
			} as IDBObjectStore[typeof method];
		}
	}
	const switchboard = { db, tables, failing: false };
	quotaFailures.push(switchboard);
	return switchboard;
}

/** Resolves with the value `promise` resolves with, or fails after `ms` with `what`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Every stored command (the commands of pending events, in their outbox entries), in seq order. */
export async function storedCommands(db: RewindDatabase): Promise<StoredCommand[]> {
	return commandsIn(await db.outbox.toArray());
}

/** The stored command with this id, if its events are still pending. */
export async function storedCommand(
	db: RewindDatabase,
	commandId: string
): Promise<StoredCommand | undefined> {
	const [alone, inRun] = await Promise.all([
		db.outbox.where('command.commandId').equals(commandId).first(),
		db.outbox.where('commandIds').equals(commandId).first()
	]);
	return commandsIn([alone, inRun].filter((record) => record !== undefined)).find(
		(command) => command.commandId === commandId
	);
}

/** Another device's `Incremented` by 10, as a pull brings it. */
export function remote(streamId: string, version: number, position: number): RemoteEvent {
	return {
		eventId: `remote-${streamId}-${version}`,
		streamId,
		version,
		type: 'Incremented',
		schemaVersion: 1,
		data: { by: 10 },
		metadata: metadata({ userId: 'user-2' }),
		position,
		recordedAt: OCCURRED_AT,
		recordedBy: 'user-2'
	};
}
