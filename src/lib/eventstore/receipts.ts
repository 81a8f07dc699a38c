import type { StoredEvent } from '../events';

/**
 * An event as the log stores it: written once and never changed. Whether the server has it
 * is kept beside it (an outbox entry while pending, a receipt once synced), so that syncing
 * writes a few small records instead of rewriting every event it pushed.
 */
export type EventRecord = Omit<StoredEvent, 'sync' | 'position' | 'recordedAt' | 'recordedBy'>;

/** What the server said of one event of this device's log, keyed by the event's local seq. */
export interface Receipt {
	seq: number;
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
export function recordOf(event: Omit<StoredEvent, 'seq'> & { seq?: number }): EventRecord {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { sync, position, recordedAt, recordedBy, ...record } = event;
	return record as EventRecord;
}
