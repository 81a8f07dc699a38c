import Dexie, { type IndexableTypeArray } from 'dexie';
import { assertStreamId, type StoredEvent } from '../events';
import { assertPositiveInteger } from './internal/assert-positive-integer';
import type { EventStore } from './event-store';
import type { RewindDatabase } from './internal/database';
import { internalsOf } from './internal/internals';
import { countPending, entriesOf } from './internal/outbox';
import { readRemotePosition } from './internal/remote-position';
import { withReceipts } from './internal/sync-state-store';
import { entryOf, type ReadModelEntry } from './read-model-storage';
import type { Snapshot } from './snapshot';
import type { StoredCommand } from './stored-command';

/** The log on this device in numbers, each counted by IndexedDB. */
export interface LogOverview {
	/** Events stored on this device, pending and synced. */
	events: number;
	/** The highest local seq; 0 when the log is empty. */
	lastSeq: number;
	/** Events the server does not have yet. */
	pendingEvents: number;
	/** Appends the server does not have yet (each a command's events). */
	pendingChanges: number;
	conflicts: number;
	snapshots: number;
	/** Rewrites of the pending tail (discards, rebases) recorded so far. */
	rewrites: number;
	/** The highest server position applied to this log; 0 before any. */
	remotePosition: number;
}

/** A stream and how far it goes on this device. */
export interface StreamSummary {
	streamId: string;
	/** Its head: the version of its last event. */
	version: number;
	/** How many of its events the server does not have yet. */
	pending: number;
}

/**
 * A change the server does not have yet: consecutive pending events of one stream, in local
 * order, with the command that decided them (absent for a bare `append`, and on the earlier
 * part of a change the server has acknowledged only partly).
 */
export interface PendingChange {
	streamId: string;
	firstSeq: number;
	lastSeq: number;
	command?: StoredCommand;
}

/** Which page of a list keyed by stream id: those starting with `prefix`, after `after`. */
export interface StreamPage {
	prefix?: string;
	/** The last stream id of the page before. */
	after?: string;
	limit: number;
}

/**
 * The event store seen from inside, read-only, for the people who build on the library:
 * streams and their versions, raw events with their sync state, the pending work, snapshots,
 * every row of a read model.
 * Every list reads one page, so a log of a million events is inspected in pieces. Made apart
 * from the store (`new StoreInspect(store)`), so an app that never inspects never loads it.
 */
export class StoreInspect {
	readonly #db: RewindDatabase;

	constructor(store: EventStore) {
		this.#db = internalsOf(store).db;
	}

	async overview(): Promise<LogOverview> {
		const db = this.#db;
		return db.transaction(
			'r',
			[db.events, db.outbox, db.conflicts, db.snapshots, db.rewrites, db.meta],
			async () => {
				const [events, lastSeq, outbox, conflicts, snapshots, rewrites, remotePosition] =
					await Promise.all([
						db.events.count(),
						db.events.toCollection().lastKey(),
						db.outbox.toArray(),
						db.conflicts.count(),
						db.snapshots.count(),
						db.rewrites.count(),
						readRemotePosition(db)
					]);
				return {
					events,
					lastSeq: (lastSeq as number | undefined) ?? 0,
					pendingEvents: countPending(outbox),
					pendingChanges: entriesOf(outbox).length,
					conflicts,
					snapshots,
					rewrites,
					remotePosition
				};
			}
		);
	}

	/**
	 * A page of the streams in id order. The log keeps no list of streams: each is found by
	 * skipping through the `[streamId+version]` index to the next id, a few requests per stream
	 * whatever the streams' lengths.
	 */
	async streams(page: StreamPage): Promise<StreamSummary[]> {
		assertPositiveInteger(page.limit, 'limit');
		const prefix = page.prefix ?? '';
		const db = this.#db;
		const index = () => db.events.where('[streamId+version]');
		return db.transaction('r', [db.events, db.outbox], async () => {
			const found: StreamSummary[] = [];
			let next =
				page.after === undefined
					? index().aboveOrEqual([prefix, Dexie.minKey])
					: index().above([page.after, Dexie.maxKey]);
			while (found.length < page.limit) {
				const first = firstKey(await next.limit(1).keys());
				if (!first || !first[0].startsWith(prefix)) break;
				const streamId = first[0];
				const [head, outbox] = await Promise.all([
					index()
						.between([streamId, Dexie.minKey], [streamId, Dexie.maxKey])
						.reverse()
						.limit(1)
						.keys(),
					db.outbox.where('streamId').equals(streamId).toArray()
				]);
				const [, version] = firstKey(head)!;
				found.push({ streamId, version, pending: countPending(outbox) });
				next = index().above([streamId, Dexie.maxKey]);
			}
			return found;
		});
	}

	/**
	 * A page of a stream's events in version order, after `afterVersion`, as stored: the schema
	 * version they were written with (not upcast), their metadata, sync state and position.
	 */
	async events(
		streamId: string,
		page: { afterVersion?: number; limit: number }
	): Promise<StoredEvent[]> {
		assertStreamId(streamId);
		assertPositiveInteger(page.limit, 'limit');
		const db = this.#db;
		return db.transaction('r', [db.events, db.receipts], async () =>
			withReceipts(
				db,
				await db.events
					.where('[streamId+version]')
					.between([streamId, page.afterVersion ?? 0], [streamId, Dexie.maxKey], false)
					.limit(page.limit)
					.toArray()
			)
		);
	}

	/** A page of the pending work in local order, after the change that starts at `afterSeq`. */
	async pending(page: { afterSeq?: number; limit: number }): Promise<PendingChange[]> {
		assertPositiveInteger(page.limit, 'limit');
		const afterSeq = page.afterSeq ?? 0;
		const db = this.#db;
		// A restore's record of a stream's run of changes may start at or before `afterSeq`.
		const [straddling, after] = await db.transaction('r', db.outbox, () =>
			Promise.all([
				db.outbox.where('seq').belowOrEqual(afterSeq).last(),
				db.outbox.where('seq').above(afterSeq).limit(page.limit).toArray()
			])
		);
		const records = straddling && straddling.last > afterSeq ? [straddling, ...after] : after;
		const entries = entriesOf(records)
			.filter((entry) => entry.seq > afterSeq)
			.slice(0, page.limit);
		return entries.map(({ seq, last, streamId, command }) => ({
			streamId,
			firstSeq: seq,
			lastSeq: last,
			...(command && { command })
		}));
	}

	/** How many rows a read model holds, listed or not. */
	readModelCount(model: string): Promise<number> {
		return this.#db.readModelRows
			.where('[model+key]')
			.between([model, Dexie.minKey], [model, Dexie.maxKey])
			.count();
	}

	/** A page of a read model's rows, listed or not, in key order after `after`. */
	async readModelRows<Row>(
		model: string,
		page: { after?: string; limit: number }
	): Promise<ReadModelEntry<Row>[]> {
		assertPositiveInteger(page.limit, 'limit');
		const rows = await this.#db.readModelRows
			.where('[model+key]')
			.between([model, page.after ?? Dexie.minKey], [model, Dexie.maxKey], page.after === undefined)
			.limit(page.limit)
			.toArray();
		return rows.map((record) => entryOf<Row>(record));
	}

	/** A page of the stored snapshots (the latest of each stream), in stream id order. */
	async snapshots(page: StreamPage): Promise<Snapshot[]> {
		assertPositiveInteger(page.limit, 'limit');
		const prefix = page.prefix ?? '';
		// Stream ids are ASCII: every id that starts with the prefix sorts below this.
		const end = `${prefix}\uffff`;
		const fromPrefix = page.after === undefined || page.after < prefix;
		return this.#db.snapshots
			.where('streamId')
			.between(fromPrefix ? prefix : page.after!, end, fromPrefix, false)
			.limit(page.limit)
			.toArray();
	}
}

/** The first key read of the `[streamId+version]` index. */
function firstKey(keys: IndexableTypeArray): [streamId: string, version: number] | undefined {
	return keys[0] as unknown as [string, number] | undefined;
}
