import type { StoredEvent } from '../../events';
import type { Conflict } from '../conflict';
import type { NativeConnection } from './native-transaction';
import { entriesOf, type OutboxEntry, type OutboxRecord } from './outbox';
import { joinInOrder, readRuns } from './read-after';
import { REMOTE_POSITION } from './remote-position';

/** What the whole log holds besides its events, read in the same transaction. */
export interface WholeLog {
	/** How many events the log holds. */
	total: number;
	/** The highest remote position applied (`remotePosition`). */
	pulledTo: number;
	conflicts: Conflict[];
}

/**
 * Reads every event in local order, a page at a time, with its sync state and the outbox
 * entries over the page (what is pending, and the commands), in ONE read-only transaction in
 * IndexedDB's own API: what a backup holds is one moment of the log, however long it takes to
 * read, and a sync landing meanwhile waits. `onPage` must do its work synchronously (it runs
 * between two requests of the transaction; an await would let IndexedDB commit it early).
 * The events come a page at a time by `getAll`, the next page asked for before this one is
 * handed over: IndexedDB reads it while the page is written, where a cursor (faster alone,
 * `read-after.ts`) leaves one waiting on the other (a backup of 100,000 events: 4.1 s with a
 * cursor, 3.0 s so; issue 18, case 14).
 */
export function readWholeLog(
	{ db, keyRange }: NativeConnection,
	pageSize: number,
	onPage: (events: StoredEvent[], entries: readonly OutboxEntry[], log: WholeLog) => void
): Promise<WholeLog> {
	return new Promise((resolve, reject) => {
		const tx = db.transaction(['events', 'receipts', 'outbox', 'conflicts', 'meta'], 'readonly');
		tx.onabort = () => reject(tx.error ?? new Error('Reading the log was aborted.'));
		const fail = (error: unknown) => {
			// eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
			reject(error);
			tx.abort();
		};
		const events = tx.objectStore('events');
		const total = events.count();
		const position = tx.objectStore('meta').get(REMOTE_POSITION);
		const conflicts = tx.objectStore('conflicts').getAll();
		let log: WholeLog | undefined;
		const wholeLog = () =>
			(log ??= {
				total: total.result,
				pulledTo: ((position.result as { value?: number } | undefined)?.value as number) ?? 0,
				conflicts: conflicts.result as Conflict[]
			});
		tx.oncomplete = () => resolve(wholeLog());

		const outbox = tx.objectStore('outbox');
		const pageAfter = (seq: number) => events.getAll(keyRange.lowerBound(seq, true), pageSize);
		// Each page: its outbox entries and receipts are read, then the next page is asked for
		// and this one handed over, so IndexedDB reads the next page while `onPage` works.
		const onRead = (request: IDBRequest) => {
			request.onsuccess = () => {
				const records = request.result as Parameters<typeof joinInOrder>[0];
				if (records.length === 0) return;
				const first = records[0]!.seq;
				const last = records.at(-1)!.seq;
				const straddling = outbox.openCursor(keyRange.upperBound(first, true), 'prev');
				const within = outbox.getAll(keyRange.bound(first, last));
				readRuns(tx, keyRange, first, last, (runs) => {
					const next = records.length === pageSize ? pageAfter(last) : undefined;
					try {
						const over = within.result as OutboxRecord[];
						const before = straddling.result?.value as OutboxRecord | undefined;
						if (before && before.last >= first) over.unshift(before);
						onPage(joinInOrder(records, runs), entriesOf(over), wholeLog());
					} catch (error) {
						return fail(error);
					}
					if (next) onRead(next);
				});
			};
		};
		onRead(pageAfter(0));
	});
}
