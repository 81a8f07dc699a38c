import { mapWriteError } from './storage-errors';

/** An open IndexedDB connection and how its transactions are made. */
export interface NativeConnection {
	db: IDBDatabase;
	durability: IDBTransactionDurability;
	keyRange: typeof IDBKeyRange;
}

/** What the body of a native transaction works with. */
export interface NativeScope {
	tx: IDBTransaction;
	/** The `IDBKeyRange` of the same IndexedDB implementation as the connection. */
	keyRange: typeof IDBKeyRange;
	/** Aborts the transaction; the first failure given is the one the promise rejects with. */
	fail(error: unknown): void;
	/**
	 * Commits as soon as the requests already made are done, instead of a round trip later when
	 * their results have been handed back. Only for a body that will ask nothing more.
	 */
	commitNow(): void;
	/** Wraps a request callback so that a throw in it aborts the transaction with that error. */
	guarded<Args extends unknown[]>(work: (...args: Args) => void): (...args: Args) => void;
}

/**
 * Runs one IndexedDB transaction in IndexedDB's own API, on Dexie's open connection.
 *
 * Why not Dexie's `db.transaction(…)`: its transaction scope (promise zones) costs about
 * 0.6 ms of script per transaction in Chromium, as much as the IndexedDB round trip itself,
 * and its bulk operations issue and track one request per row. On the hottest writes (the
 * append of a command, the acknowledgement of a pushed batch) that doubled the time
 * (bench cases 2 and 9), so they speak IndexedDB directly; everything else keeps Dexie.
 *
 * `body` issues its requests and returns a function that gives the result once the
 * transaction has committed. A write IndexedDB refuses rejects with Rewind's typed error
 * (`StorageQuotaError`, `ValidationError` for a duplicate key), with nothing written.
 */
export function nativeTransaction<T>(
	connection: NativeConnection,
	storeNames: string[],
	body: (scope: NativeScope) => () => T
): Promise<T> {
	const { db, durability, keyRange } = connection;
	return new Promise((resolve, reject) => {
		const tx = db.transaction(storeNames, 'readwrite', { durability });
		let failure: unknown;
		const fail = (error: unknown) => {
			failure ??= error;
			try {
				tx.abort();
			} catch {
				// Already aborting or finished: the first failure is the one reported.
			}
		};
		// A throw while issuing requests (a record IndexedDB cannot store) must abort what was
		// issued before it, never let the transaction commit part of the work.
		const guarded =
			<Args extends unknown[]>(work: (...args: Args) => void) =>
			(...args: Args) => {
				try {
					work(...args);
				} catch (error) {
					fail(error);
				}
			};
		const commitNow = () => {
			// `commit` is newer than the rest of IndexedDB: without it, the commit comes on its own.
			if (typeof tx.commit === 'function') tx.commit();
		};
		let result: (() => T) | undefined;
		tx.oncomplete = () => resolve(result!());
		// Rejects with a typed error, or with IndexedDB's own when there is no better one.
		// eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
		tx.onabort = () => reject(failure ?? mapWriteError(tx.error));
		guarded(() => (result = body({ tx, keyRange, fail, commitNow, guarded })))();
	});
}

/** Resolves with a request's result inside a native transaction's callbacks. */
export function onResult<T>(
	scope: NativeScope,
	request: IDBRequest<T>,
	then: (result: T) => void
): void {
	request.onsuccess = scope.guarded(() => then(request.result));
}
