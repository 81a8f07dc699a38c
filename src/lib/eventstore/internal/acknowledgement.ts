import { nativeTransaction, onResult, type NativeConnection } from './native-transaction';
import { entriesOf, isPending, overlaps, remainder, type OutboxRecord } from './outbox';
import { receiptRuns, type Receipt } from './receipts';
import { REMOTE_POSITION } from './remote-position';

/** The server's word on one of this device's pending events: where it now stands in the log. */
export interface Acknowledgement {
	seq: number;
	streamId: string;
	position: number;
	recordedAt: string;
	recordedBy: string;
}

/**
 * What acknowledging `acks` (in seq order) writes, given the outbox records that may hold them
 * in key order: the receipts (as runs) of those still pending (one discarded or rebased since
 * is left alone), and from the first record changed (`from`, its key) on, what is left of
 * every record, the changed ones' entries as records of one. The one rule of marking events
 * synced, for the push's native transaction and the pull's Dexie one alike.
 */
export function planAcknowledgement(
	records: readonly OutboxRecord[],
	acks: readonly Acknowledgement[]
): {
	receipts: Receipt[];
	from: number | undefined;
	remaining: OutboxRecord[];
	streams: string[];
	/** Whether every ack was of an event still pending: the server holds each as it is here. */
	allPending: boolean;
} {
	const synced = new Set<number>();
	const acknowledged: Receipt[] = [];
	const streams = new Set<string>();
	for (const ack of acks) {
		if (!isPending(records, ack.seq)) continue;
		acknowledged.push(ack);
		synced.add(ack.seq);
		streams.add(ack.streamId);
	}
	// Usually one receipt for a whole batch: its seqs and positions run on together. The runs
	// are new records, so an ack's own fields (its stream) never reach the table.
	const receipts = receiptRuns(acknowledged);
	const allPending = acknowledged.length === acks.length;
	const changed = records.find((record) => overlaps(record, synced));
	if (!changed)
		return { receipts, from: undefined, remaining: [], streams: [...streams], allPending };
	const remaining = records
		.filter((record) => record.seq >= changed.seq)
		.flatMap((record) =>
			overlaps(record, synced)
				? entriesOf([record]).flatMap((entry) => remainder(entry, synced))
				: [record]
		);
	return { receipts, from: changed.seq, remaining, streams: [...streams], allPending };
}

/**
 * Where the pull may go on from once `positions` (a pushed batch's, all of them acknowledged
 * as the events are here) are known: past them when they run on from `pulledTo` without a
 * gap, as then nobody else's event lies in between; `pulledTo` otherwise. So a device does
 * not download again what it has just pushed (10,000 events back from a week offline).
 */
export function pulledPast(pulledTo: number, positions: readonly number[]): number {
	const sorted = [...positions].sort((a, b) => a - b);
	let reached = pulledTo;
	for (const position of sorted) {
		if (position !== reached + 1) break;
		reached = position;
	}
	return reached === pulledTo + sorted.length ? reached : pulledTo;
}

/**
 * Records what the server accepted, in one native transaction (see `nativeTransaction`) that
 * never rewrites an event: it reads the outbox entries up to the last ack, writes the receipts
 * and takes the acknowledged events out of the outbox. An entry goes with its command once all
 * its events are on the server; a command whose events go on past the acks stays with the rest.
 * When the acks' positions run on from the pull's, the pull moves past them (`pulledPast`).
 * The streams whose events became synced are recorded as rewritten, and returned.
 */
export function acknowledge(
	connection: NativeConnection,
	acks: readonly Acknowledgement[]
): Promise<string[]> {
	const last = acks.at(-1)?.seq;
	if (last === undefined) return Promise.resolve([]);
	return nativeTransaction(connection, ['outbox', 'receipts', 'meta', 'rewrites'], (scope) => {
		const { tx, keyRange } = scope;
		const outbox = tx.objectStore('outbox');
		const meta = tx.objectStore('meta');
		let streams: string[] = [];
		let pulledTo = 0;
		onResult(scope, meta.get(REMOTE_POSITION), (result) => {
			pulledTo = (result as { value?: number } | undefined)?.value ?? 0;
		});
		// Answered after the read above: requests of one transaction succeed in the order made.
		onResult(scope, outbox.getAll(keyRange.upperBound(last)), (result) => {
			const plan = planAcknowledgement(result as OutboxRecord[], acks);
			streams = plan.streams;
			// The events now read with the server's position and time: whatever folded them as
			// pending folds them again (a list by the time of the last change), in every tab.
			if (streams.length > 0)
				tx.objectStore('rewrites').add({ streamIds: streams, at: new Date().toISOString() });
			if (plan.allPending) {
				const reached = pulledPast(
					pulledTo,
					acks.map((ack) => ack.position)
				);
				if (reached > pulledTo) meta.put({ key: REMOTE_POSITION, value: reached });
			}
			const receipts = tx.objectStore('receipts');
			for (const run of plan.receipts) receipts.put(run);
			if (plan.from === undefined) return;
			// One request clears the acknowledged runs, commands and all; what is left of them (a
			// command going on past the acks, a held stream's run in between) is written back.
			outbox.delete(keyRange.bound(plan.from, last));
			for (const run of plan.remaining) outbox.put(run);
		});
		return () => streams;
	});
}
