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
 * A database with one `events` store and exactly the indexes of Rewind's events table:
 * `++seq, &eventId, &[streamId+version]`.
 */
export function openRawEvents(name: string): Promise<IDBDatabase> {
	const open = indexedDB.open(name, 1);
	open.onupgradeneeded = () => {
		const store = open.result.createObjectStore('events', { keyPath: 'seq', autoIncrement: true });
		store.createIndex('eventId', 'eventId', { unique: true });
		store.createIndex('[streamId+version]', ['streamId', 'version'], { unique: true });
	};
	return request(open);
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
