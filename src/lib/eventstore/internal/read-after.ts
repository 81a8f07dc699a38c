import type { StoredEvent } from '../../events';
import type { NativeConnection } from './native-transaction';
import { lastSeqOf, receiptAt, withReceipt, type EventRecord, type Receipt } from './receipts';

/**
 * The local records after `afterSeq`, at most `limit`, in seq order with their sync state: one
 * read-only transaction in IndexedDB's own API. The events come through a cursor, not
 * `getAll`: Chromium's cursor prefetches values while the page deserialises the ones it has,
 * where `getAll` hands over everything at once (a 20,000-event read took 0.8–1.0 s with
 * `getAll` pages, 0.4–0.8 s with a cursor; issue 17, "why the full rebuild misses").
 */
export function readAfter(
	{ db, keyRange }: NativeConnection,
	afterSeq: number,
	limit: number
): Promise<StoredEvent[]> {
	if (limit <= 0) return Promise.resolve([]);
	return new Promise((resolve, reject) => {
		const tx = db.transaction(['events', 'receipts'], 'readonly');
		tx.onabort = () => reject(tx.error ?? new Error('Reading the log was aborted.'));
		const records: EventRecord[] = [];
		const cursor = tx.objectStore('events').openCursor(keyRange.lowerBound(afterSeq, true));
		cursor.onsuccess = () => {
			const at = cursor.result;
			if (at) {
				records.push(at.value as EventRecord);
				if (records.length < limit) return at.continue();
			}
			if (records.length === 0) return resolve([]);
			readRuns(tx, keyRange, records[0]!.seq, records.at(-1)!.seq, (runs) =>
				resolve(joinInOrder(records, runs))
			);
		};
	});
}

/** The receipts of the seqs `first` to `last`, in seq order, with the run reaching into them. */
export function readRuns(
	tx: IDBTransaction,
	keyRange: typeof IDBKeyRange,
	first: number,
	last: number,
	done: (runs: Receipt[]) => void
): void {
	const receipts = tx.objectStore('receipts');
	const before = receipts.openCursor(keyRange.upperBound(first, true), 'prev');
	const within = receipts.getAll(keyRange.bound(first, last));
	within.onsuccess = () => {
		const runs = within.result as Receipt[];
		const reaching = before.result?.value as Receipt | undefined;
		if (reaching && lastSeqOf(reaching) >= first) runs.unshift(reaching);
		done(runs);
	};
}

/** Records in ascending seq order joined with the receipt runs over them. */
export function joinInOrder(records: EventRecord[], runs: readonly Receipt[]): StoredEvent[] {
	let next = 0;
	return records.map((record) => {
		while (next < runs.length && lastSeqOf(runs[next]!) < record.seq) next++;
		return withReceipt(record, receiptAt(runs[next], record.seq));
	});
}
