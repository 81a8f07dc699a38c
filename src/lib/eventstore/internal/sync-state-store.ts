import type { StoredEvent } from '../../events';
import { planAcknowledgement, type Acknowledgement } from './acknowledgement';
import type { RewindDatabase } from './database';
import {
	countPending,
	entriesOf,
	overlaps,
	pendingRanges,
	remainder,
	type OutboxEntry,
	type OutboxRecord
} from './outbox';
import { joinInOrder } from './read-after';
import { lastSeqOf, receiptAt, withReceipt, type EventRecord, type Receipt } from './receipts';
import { runHolding } from './seq-runs';

// Reading and writing the sync state kept beside the write-once event records, with Dexie.
// Each runs in the caller's transaction when there is one, which must include the tables named.

/**
 * Records of any seqs with their sync state. One read by key finds the receipts that start at
 * a record (every receipt of a run of one); the runs holding the others are read together.
 */
export async function withReceipts(
	db: RewindDatabase,
	records: EventRecord[]
): Promise<StoredEvent[]> {
	if (records.length === 0) return [];
	if (closeTogether(records)) return withReceiptsInOrder(db, records);
	const starting = await db.receipts.bulkGet(records.map((record) => record.seq));
	const missed = records.filter((record, index) => !starting[index]).map((record) => record.seq);
	const runs =
		missed.length === 0
			? []
			: await runsOver(
					db,
					missed.reduce((a, b) => Math.min(a, b)),
					missed.reduce((a, b) => Math.max(a, b))
				);
	return records.map((record, index) =>
		withReceipt(record, receiptAt(starting[index] ?? runHolding(runs, record.seq), record.seq))
	);
}

/**
 * Whether records sit in ascending seq order within a stretch of the log at most a few times
 * their number, as a stream's events usually do. Then one range read of the runs over the
 * stretch (two requests) costs less than a read by key per record, and it reads at most a few
 * receipts per record, whatever the size of the log.
 */
function closeTogether(records: readonly EventRecord[]): boolean {
	for (let index = 1; index < records.length; index++) {
		if (records[index]!.seq <= records[index - 1]!.seq) return false;
	}
	return records.at(-1)!.seq - records[0]!.seq < STRETCH_PER_RECORD * records.length;
}

const STRETCH_PER_RECORD = 4;

/** The receipts of the seqs `first` to `last`, in seq order, with the run reaching into them. */
async function runsOver(db: RewindDatabase, first: number, last: number): Promise<Receipt[]> {
	const [before, runs] = await Promise.all([
		db.receipts.where('seq').below(first).last(),
		db.receipts.where('seq').between(first, last, true, true).toArray()
	]);
	if (before && lastSeqOf(before) >= first) runs.unshift(before);
	return runs;
}

/** Records in ascending seq order, usually a stretch of the log: one range read of `receipts`. */
export async function withReceiptsInOrder(
	db: RewindDatabase,
	records: EventRecord[]
): Promise<StoredEvent[]> {
	if (records.length === 0) return [];
	return joinInOrder(records, await runsOver(db, records[0]!.seq, records.at(-1)!.seq));
}

/** What `readPending` is asked for. */
export interface PendingQuery {
	afterSeq?: number;
	limit?: number;
	/** Streams left out (the conflict inbox holds their order). */
	held?: ReadonlySet<string>;
	/**
	 * Leaves out, for now, the stream of a reaction's command whose cause is still pending
	 * further on in the log: a rebase gave the cause a later seq, and a consequence must never
	 * reach the server before its cause (if the cause were then refused, what it caused would
	 * stand on the server without it). What a push reads.
	 */
	causesFirst?: boolean;
}

/**
 * Pending events after `afterSeq` in local order, at most `limit`, leaving out `held` streams
 * (tables: events, outbox). Reads the outbox a page at a time from `afterSeq`, not all of it.
 */
export async function readPending(
	db: RewindDatabase,
	options: PendingQuery = {}
): Promise<StoredEvent[]> {
	const afterSeq = options.afterSeq ?? 0;
	let room = options.limit ?? Infinity;
	const held = new Set(options.held);
	const pending: StoredEvent[] = [];
	// Runs are disjoint, so only the last one starting at or before `afterSeq` can go past it.
	const straddling = await db.outbox.where('seq').belowOrEqual(afterSeq).last();
	let entries = straddling && straddling.last > afterSeq ? [straddling] : [];
	let from = afterSeq;
	for (;;) {
		const page = db.outbox.where('seq').above(from);
		const next = await (Number.isFinite(room) ? page.limit(room) : page).toArray();
		entries = entries.concat(next);
		if (options.causesFirst) await holdAheadOfCauses(db, entries, held);
		for (const [first, last] of pendingRanges(entries, afterSeq, held)) {
			const range = db.events.where('seq').between(first, last, true, true);
			const records = await (Number.isFinite(room) ? range.limit(room) : range).toArray();
			for (const record of records) pending.push(withReceipt(record, undefined));
			room -= records.length;
			if (room <= 0) return pending;
		}
		if (next.length === 0 || !Number.isFinite(room)) return pending;
		from = next.at(-1)!.last;
		entries = [];
	}
}

/**
 * Adds to `held` the stream of every reaction's command in `entries` whose causing command is
 * still pending at a later seq. One read by key per reaction's command, none for the rest.
 */
async function holdAheadOfCauses(
	db: RewindDatabase,
	records: readonly OutboxRecord[],
	held: Set<string>
): Promise<void> {
	const consequences = entriesOf(records).filter(
		(entry) => entry.command?.reaction && !held.has(entry.streamId)
	);
	if (consequences.length === 0) return;
	const causeIds = consequences.map((entry) => entry.command!.reaction!.causeCommandId);
	// A cause is a record of its own, or an entry of a stream's run (a restore's).
	const [alone, inRuns] = await Promise.all([
		db.outbox.where('command.commandId').anyOf(causeIds).toArray(),
		db.outbox.where('commandIds').anyOf(causeIds).toArray()
	]);
	const causeSeq = new Map(
		entriesOf([...alone, ...inRuns]).flatMap((cause) =>
			cause.command ? [[cause.command.commandId, cause.seq] as const] : []
		)
	);
	for (const entry of consequences) {
		const seq = causeSeq.get(entry.command!.reaction!.causeCommandId);
		if (seq !== undefined && seq > entry.seq) held.add(entry.streamId);
	}
}

/** How many events are pending (table: outbox). */
export async function pendingCount(db: RewindDatabase): Promise<number> {
	return countPending(await db.outbox.toArray());
}

/** A stream's outbox entries in seq order (table: outbox). */
export async function outboxOf(db: RewindDatabase, streamId: string): Promise<OutboxEntry[]> {
	return entriesOf(await outboxRecordsOf(db, streamId));
}

/** A stream's outbox records in key order, as stored: to change (table: outbox). */
export function outboxRecordsOf(db: RewindDatabase, streamId: string): Promise<OutboxRecord[]> {
	return db.outbox.where('streamId').equals(streamId).sortBy('seq');
}

/**
 * How many changes are pending: appends, each a command's events (table: outbox). Counted by
 * IndexedDB without reading a record: every record is one change, but a run of a restore's is
 * as many as its command ids.
 */
export async function pendingChangeCount(db: RewindDatabase): Promise<number> {
	const [records, runs, commandsInRuns] = await Promise.all([
		db.outbox.count(),
		db.outbox.orderBy('size').count(),
		db.outbox.orderBy('commandIds').count()
	]);
	return records - runs + commandsInRuns;
}

/** Takes `seqs` out of the stream's pending runs (table: outbox). */
export async function removeFromOutbox(
	db: RewindDatabase,
	streamId: string,
	seqs: Iterable<number>
): Promise<void> {
	const removed = new Set(seqs);
	const changed = (await outboxRecordsOf(db, streamId)).filter((record) =>
		overlaps(record, removed)
	);
	if (changed.length === 0) return;
	await db.outbox.bulkDelete(changed.map((record) => record.seq));
	await db.outbox.bulkPut(entriesOf(changed).flatMap((entry) => remainder(entry, removed)));
}

/**
 * Records the server's acknowledgement of pending events, in seq order, inside the caller's
 * Dexie transaction (tables: outbox, receipts), by the same rule as a push's native one
 * (`planAcknowledgement`).
 */
export async function markSynced(
	db: RewindDatabase,
	acks: readonly Acknowledgement[]
): Promise<void> {
	if (acks.length === 0) return;
	const streams = [...new Set(acks.map((ack) => ack.streamId))];
	const records = (await Promise.all(streams.map((streamId) => outboxRecordsOf(db, streamId))))
		.flat()
		.sort((a, b) => a.seq - b.seq);
	const plan = planAcknowledgement(records, acks);
	await db.receipts.bulkPut(plan.receipts);
	const from = plan.from;
	if (from === undefined) return;
	await db.outbox.bulkDelete(
		records.filter((record) => record.seq >= from).map((record) => record.seq)
	);
	await db.outbox.bulkPut(plan.remaining);
}
