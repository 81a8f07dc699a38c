import { sameJson } from '../events';
import { sameState, StoreInspect, type EventStore, type ReadModelEntry } from '../eventstore';
import type { ProjectedRecord, Projection } from './define-projection';
import { continueRecord, foldRecord } from './fold-records';
import { readModelEntry } from './read-model-entry';
import type { FoldProgress } from './read-model-runner';
import { addTallies, tallyOf } from './read-model-tallies';

const PAGE = 5_000;
const MAX_DIFFERENCES = 50;

/** A record whose stored row is not the row a fresh fold of the log makes. */
export interface RowDifference<Row> {
	key: string;
	/** The row as stored; absent when the read model lacks it. */
	stored?: ReadModelEntry<Row>;
	/** The row a fold of the whole log makes; absent when there should be none. */
	expected?: ReadModelEntry<Row>;
}

/** What a check of a read model against a fresh fold of the whole log found. */
export interface ReadModelVerification<Row> {
	/** Whether every stored row and the running sums equal the fresh fold's. */
	equal: boolean;
	/**
	 * False when the stored rows had not reached the end of the log when the check began, or
	 * changed while it ran: the two sides are of different moments, so run it again.
	 */
	current: boolean;
	/** Events read from the log. */
	events: number;
	/** Records the fresh fold made. */
	records: number;
	/** The first differences found, at most `maxDifferences`: wrong or extra rows, then missing ones. */
	differences: RowDifference<Row>[];
	/** How many records differ in all. */
	differenceCount: number;
	/** The running sums, when they differ: as stored, and as the fresh rows add up. */
	tallies?: { stored: Record<string, number>; expected: Record<string, number> };
}

export interface VerifyOptions {
	/** How many events are read of the log at once. */
	pageSize?: number;
	maxDifferences?: number;
	onProgress?: (progress: FoldProgress) => void;
}

/**
 * Checks that a read model's incremental rows equal a full rebuild (DESIGN.md invariant 3):
 * folds the whole log afresh in memory, a page at a time (never all events at once; one row per
 * record is kept), and compares it with the stored rows and sums, a page at a time. Writes
 * nothing. For an exact answer, call it once the model's runner is settled.
 */
export async function verifyReadModel<Row>(
	store: EventStore,
	projection: Projection<Row>,
	options: VerifyOptions = {}
): Promise<ReadModelVerification<Row>> {
	const pageSize = options.pageSize ?? PAGE;
	const inspect = new StoreInspect(store);
	const before = await store.readModels.state(projection.name);
	const logAt = await logMoment(store);
	const rewrittenSince = await store.rewritesSince(before?.rewriteId ?? 0);
	const caughtUp =
		before?.version === projection.version &&
		before.seq === logAt.lastSeq &&
		rewrittenSince.length === 0;

	const { records, events } = await foldLog(store, projection, pageSize, options.onProgress);
	const differences: RowDifference<Row>[] = [];
	let differenceCount = 0;
	const differ = (difference: RowDifference<Row>) => {
		differenceCount++;
		if (differences.length < (options.maxDifferences ?? MAX_DIFFERENCES)) {
			differences.push(difference);
		}
	};
	const recordCount = records.size;
	const expectedTallies: Record<string, number> = {};
	const fresh = (key: string, record: ProjectedRecord<Row>) => {
		const entry = readModelEntry(projection, key, record);
		addTallies(expectedTallies, tallyOf(projection, entry), 1);
		return entry;
	};

	let after: string | undefined;
	for (;;) {
		const page = await inspect.readModelRows<Row>(projection.name, { after, limit: pageSize });
		for (const stored of page) {
			const record = records.get(stored.key);
			// What is left in `records` afterwards is what the read model lacks.
			records.delete(stored.key);
			const expected = record && fresh(stored.key, record);
			if (!expected) differ({ key: stored.key, stored });
			else if (!sameJson(stored, expected)) differ({ key: stored.key, stored, expected });
		}
		if (page.length < pageSize) break;
		after = page.at(-1)!.key;
	}
	for (const [key, record] of records) differ({ key, expected: fresh(key, record) });

	const storedTallies = before?.tallies ?? {};
	const talliesDiffer = !sameJson(storedTallies, expectedTallies);
	const afterwards = await store.readModels.state(projection.name);
	const unmoved = sameState(afterwards, before) && sameJson(await logMoment(store), logAt);
	return {
		equal: differenceCount === 0 && !talliesDiffer,
		current: caughtUp && unmoved,
		events,
		records: recordCount,
		differences,
		differenceCount,
		...(talliesDiffer && { tallies: { stored: storedTallies, expected: expectedTallies } })
	};
}

/** Where the log is: a later moment with other values had an append or a rewrite between. */
async function logMoment(store: EventStore): Promise<{ lastSeq: number; rewriteId: number }> {
	const [lastSeq, rewrites] = await Promise.all([store.lastSeq(), store.rewritesSince(0)]);
	return { lastSeq, rewriteId: rewrites.at(-1)?.id ?? 0 };
}

/**
 * Every record's row from the whole log, read in local order a page at a time. A rewind (or an
 * event that does not continue its record) folds that record's stream up to it from the start.
 */
async function foldLog<Row>(
	store: EventStore,
	projection: Projection<Row>,
	pageSize: number,
	onProgress: ((progress: FoldProgress) => void) | undefined
): Promise<{ records: Map<string, ProjectedRecord<Row>>; events: number }> {
	const records = new Map<string, ProjectedRecord<Row>>();
	const total = await store.lastSeq();
	let afterSeq = 0;
	let events = 0;
	for (;;) {
		const page = await store.readLocal({ afterSeq, limit: pageSize });
		for (const event of page) {
			const key = event.streamId;
			if (!projection.filter(key)) continue;
			const continued = continueRecord(projection, records.get(key), [event]);
			const record =
				continued === 'refold'
					? foldRecord(projection, await store.readStream(key, { toVersion: event.version }))
					: continued;
			if (record) records.set(key, record);
			else records.delete(key);
		}
		events += page.length;
		afterSeq = page.at(-1)?.seq ?? afterSeq;
		onProgress?.({ done: afterSeq, total: Math.max(total, afterSeq) });
		if (page.length < pageSize) return { records, events };
	}
}
