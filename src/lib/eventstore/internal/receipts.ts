import type { StoredEvent } from '../../events';

/**
 * An event as the log stores it: written once and never changed. Whether the server has it
 * is kept beside it (an outbox entry while pending, a receipt once synced), so that syncing
 * writes a few small records instead of rewriting every event it pushed.
 */
export type EventRecord = Omit<StoredEvent, 'sync' | 'position' | 'recordedAt' | 'recordedBy'>;

/**
 * What the server said of a run of this device's events, keyed by the first one's local seq:
 * the seqs `seq` to `last` were acknowledged together, and hold consecutive positions from
 * `position`. One record for a whole pushed batch instead of one per event (bench case 9). A
 * receipt without `last` is a run of one, as receipts were first written.
 */
export interface Receipt {
	seq: number;
	last?: number;
	position: number;
	recordedAt: string;
	recordedBy: string;
}

/** The server's word on an event, as a receipt for the local record `seq`. */
export function receiptFor(
	seq: number,
	ack: Pick<Receipt, 'position' | 'recordedAt' | 'recordedBy'>
): Receipt {
	return { seq, position: ack.position, recordedAt: ack.recordedAt, recordedBy: ack.recordedBy };
}

/** The last local seq the receipt covers. */
export function lastSeqOf(receipt: Receipt): number {
	return receipt.last ?? receipt.seq;
}

/** The receipt of the one event `seq`, from the run that holds it; undefined when none does. */
export function receiptAt(run: Receipt | undefined, seq: number): Receipt | undefined {
	if (!run || seq < run.seq || seq > lastSeqOf(run)) return undefined;
	return receiptFor(seq, { ...run, position: run.position + seq - run.seq });
}

/**
 * Receipts of single events, in seq order, as runs: consecutive seqs with consecutive
 * positions, recorded at the same time by the same user, share one receipt.
 */
export function receiptRuns(receipts: readonly Receipt[]): Receipt[] {
	const runs: Receipt[] = [];
	for (const receipt of receipts) {
		const run = runs.at(-1);
		const follows =
			run !== undefined &&
			receipt.seq === lastSeqOf(run) + 1 &&
			receipt.position === run.position + receipt.seq - run.seq &&
			receipt.recordedAt === run.recordedAt &&
			receipt.recordedBy === run.recordedBy;
		if (follows) run.last = receipt.seq;
		else runs.push(receiptFor(receipt.seq, receipt));
	}
	return runs;
}

/** Each event's receipt of the runs, in seq order. */
export function eachReceipt(runs: readonly Receipt[]): Receipt[] {
	const receipts: Receipt[] = [];
	for (const run of runs) {
		for (let seq = run.seq; seq <= lastSeqOf(run); seq++) receipts.push(receiptAt(run, seq)!);
	}
	return receipts;
}

/**
 * The event as readers see it (DESIGN.md, "The event"): the record with its sync state.
 * Fills in the record it is given, which must be one just read, owned by nobody else.
 */
export function withReceipt(record: EventRecord, receipt: Receipt | undefined): StoredEvent {
	const event = record as StoredEvent;
	if (!receipt) {
		event.sync = 'pending';
		return event;
	}
	event.sync = 'synced';
	event.position = receipt.position;
	event.recordedAt = receipt.recordedAt;
	event.recordedBy = receipt.recordedBy;
	return event;
}

/** The record to store for an event, without its sync state. */
export function recordOf(
	event: Omit<StoredEvent, 'seq' | 'sync'> & Partial<Pick<StoredEvent, 'seq' | 'sync'>>
): EventRecord {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { sync, position, recordedAt, recordedBy, ...record } = event;
	return record as EventRecord;
}
