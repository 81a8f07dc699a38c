import type { Durability } from './api';

/** Promise of an IDB request's result. */
export function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
	});
}

/** Resolves when the transaction commits. */
export function committed(tx: IDBTransaction): Promise<void> {
	return new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
		tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
	});
}

/**
 * The indexes of Rewind's events table (`src/lib/eventstore/internal/database.ts`), by name:
 * every write of a baseline maintains the same ones (case 1 checks that they still are).
 */
export const EVENT_INDEXES: Record<string, { keyPath: string | string[]; unique: boolean }> = {
	eventId: { keyPath: 'eventId', unique: true },
	'[streamId+version]': { keyPath: ['streamId', 'version'], unique: true },
	'metadata.commandId': { keyPath: 'metadata.commandId', unique: false }
};

/** A database with one `events` store and exactly the indexes of Rewind's events table. */
export function openRawEvents(name: string): Promise<IDBDatabase> {
	const open = indexedDB.open(name, 1);
	open.onupgradeneeded = () => {
		const store = open.result.createObjectStore('events', { keyPath: 'seq', autoIncrement: true });
		for (const [index, { keyPath, unique }] of Object.entries(EVENT_INDEXES)) {
			store.createIndex(index, keyPath, { unique });
		}
	};
	return request(open);
}

/** Throws unless Rewind's events table (in `db`) has the indexes the baselines write. */
export function assertBaselineIndexes(db: IDBDatabase): void {
	const rewind = [...db.transaction('events').objectStore('events').indexNames].sort();
	const baseline = Object.keys(EVENT_INDEXES).sort();
	if (rewind.join() !== baseline.join()) {
		throw new Error(
			`Rewind's events table has the indexes ${rewind.join(', ')}, the baselines ${baseline.join(', ')}`
		);
	}
}

/** Opens an existing database at whatever version it has. */
export function openExisting(name: string): Promise<IDBDatabase> {
	return request(indexedDB.open(name));
}

export function readwrite(db: IDBDatabase, store: string, durability: Durability): IDBTransaction {
	return db.transaction(store, 'readwrite', { durability });
}

export async function deleteDatabase(name: string): Promise<void> {
	const req = indexedDB.deleteDatabase(name);
	await new Promise<void>((resolve, reject) => {
		req.onsuccess = () => resolve();
		req.onerror = () => reject(req.error ?? new Error(`could not delete ${name}`));
		// Blocked only while a connection is still open; it completes once that one closes.
		req.onblocked = () => undefined;
	});
}
