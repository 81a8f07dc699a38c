import { runHolding } from './seq-runs';
import type { StoredCommand } from '../stored-command';

/**
 * A run of one stream's pending events: every local seq from `seq` to `last` is an event of
 * `streamId` that the server does not have yet. An append writes one entry for all its
 * events, with the command that decided them; an acknowledgement deletes or shortens entries,
 * never touching the events. The command goes when the last of its events is acknowledged.
 */
export interface OutboxEntry {
	seq: number;
	last: number;
	streamId: string;
	/** What the user asked for, to decide again in a rebase; absent for a bare `append`. */
	command?: StoredCommand;
}

/**
 * How the outbox table keeps entries. An append writes a record of one entry. A restore writes
 * each stream's consecutive entries of a page as one record (`entries`, in seq order, each with
 * its command): IndexedDB's cost is per record, not per byte (bench case 14). Such a record
 * spans its entries' seqs, one stretch with no gap, so whatever reads the outbox as runs of
 * pending seqs reads it as it is; whatever needs the commands or the entries expands it
 * (`entriesOf`); whatever changes entries writes them back as records of one. Its command ids
 * are indexed, unique, as a one-entry record's `command.commandId`; `size` counts its entries.
 */
export interface OutboxRecord extends OutboxEntry {
	entries?: OutboxEntry[];
	commandIds?: string[];
	size?: number;
}

/** The entries the records hold, in their order. */
export function entriesOf(records: readonly OutboxRecord[]): OutboxEntry[] {
	return records.flatMap((record) => record.entries ?? [record]);
}

/**
 * Records for entries written together (consecutive seqs): each stream's run of consecutive
 * entries with commands becomes one record; an entry without a command stays a record of one
 * (`size` and the command ids count the commands).
 */
export function recordsFor(entries: readonly OutboxEntry[]): OutboxRecord[] {
	const records: OutboxRecord[] = [];
	let run: OutboxEntry[] = [];
	const close = () => {
		if (run.length === 1) records.push(run[0]!);
		else if (run.length > 1) {
			records.push({
				seq: run[0]!.seq,
				last: run.at(-1)!.last,
				streamId: run[0]!.streamId,
				entries: run,
				commandIds: run.map((entry) => entry.command!.commandId),
				size: run.length
			});
		}
		run = [];
	};
	for (const entry of entries) {
		const previous = run.at(-1);
		const continues =
			previous && previous.streamId === entry.streamId && previous.last + 1 === entry.seq;
		if (!continues) close();
		if (entry.command) run.push(entry);
		else {
			close();
			records.push(entry);
		}
	}
	close();
	return records;
}

/** The entry for events just written together, in one transaction (so their seqs are consecutive). */
export function entryFor(
	records: readonly { seq: number; streamId: string }[],
	command?: StoredCommand
): OutboxEntry {
	const first = records[0]!;
	return {
		seq: first.seq,
		last: records.at(-1)!.seq,
		streamId: first.streamId,
		...(command ? { command } : {})
	};
}

/** The commands the records hold, in their order. */
export function commandsIn(records: readonly OutboxRecord[]): StoredCommand[] {
	return entriesOf(records).flatMap((entry) => (entry.command ? [entry.command] : []));
}

/** How many events the entries hold. */
export function countPending(entries: readonly OutboxEntry[]): number {
	return entries.reduce((sum, entry) => sum + entry.last - entry.seq + 1, 0);
}

/** Whether `seq` is pending, given the outbox entries in key order. */
export function isPending(entries: readonly OutboxEntry[], seq: number): boolean {
	return runHolding(entries, seq) !== undefined;
}

/** Whether any of `seqs` is in the entry's run. */
export function overlaps(entry: OutboxEntry, seqs: ReadonlySet<number>): boolean {
	for (const seq of seqs) if (seq >= entry.seq && seq <= entry.last) return true;
	return false;
}

/**
 * What is left of `entry` once `removed` are no longer pending: zero, one or more runs. The
 * command stays while any of its events is pending, on the last run (its id is unique).
 */
export function remainder(entry: OutboxEntry, removed: ReadonlySet<number>): OutboxEntry[] {
	const runs: OutboxEntry[] = [];
	let start: number | undefined;
	for (let seq = entry.seq; seq <= entry.last + 1; seq++) {
		const keep = seq <= entry.last && !removed.has(seq);
		if (keep && start === undefined) start = seq;
		if (!keep && start !== undefined) {
			runs.push({ seq: start, last: seq - 1, streamId: entry.streamId });
			start = undefined;
		}
	}
	if (entry.command && runs.length > 0) runs.at(-1)!.command = entry.command;
	return runs;
}

/**
 * The seq ranges to read for the pending events after `afterSeq`, leaving out `held` streams,
 * in local order; adjacent runs are merged so a contiguous backlog is one read.
 */
export function pendingRanges(
	entries: readonly OutboxEntry[],
	afterSeq: number,
	held: ReadonlySet<string> = new Set()
): [from: number, to: number][] {
	const ranges: [number, number][] = [];
	for (const entry of entries) {
		if (entry.last <= afterSeq || held.has(entry.streamId)) continue;
		const from = Math.max(entry.seq, afterSeq + 1);
		const previous = ranges.at(-1);
		if (previous && previous[1] + 1 === from) previous[1] = entry.last;
		else ranges.push([from, entry.last]);
	}
	return ranges;
}
