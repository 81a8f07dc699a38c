import Dexie, { type DexieOptions } from 'dexie';
import {
	assertStreamId,
	type EventInput,
	type EventRegistry,
	type ReadEvent,
	type StoredEvent
} from '../events';
import { ReadOnlyError, type ExpectedVersion } from '../errors';
import type * as AppendTransaction from './internal/append-transaction';
import { assertPositiveInteger } from './internal/assert-positive-integer';
import type { NativeConnection } from './internal/native-transaction';
import { readAfter } from './internal/read-after';
import { ChangeFeed, type LogListener } from './change-feed';
import { RewindDatabase, type NamedRecord } from './internal/database';
import { registerInternals } from './internal/internals';
import { assertExpectedVersionShape } from './internal/expected-version';
import { LOG_START, type LogCursor } from './log-cursor';
import type * as PrepareEvents from './internal/prepare-events';
import type { Rewrite } from './rewrite';
import type { Snapshot } from './snapshot';
import { commandsIn } from './internal/outbox';
import { eachReceipt, withReceipt, type EventRecord, type Receipt } from './internal/receipts';
import { mapWriteError } from './internal/storage-errors';
import type { StoredCommand } from './stored-command';
import type { Redecide } from './rebase';
import { StoreSync, type StoreSyncParts } from './store-sync';
import { StoreBackup } from './store-backup';
import { ReadModelStorage } from './read-model-storage';
import { StreamQueue } from './stream-queue';
import {
	outboxOf,
	pendingChangeCount,
	pendingCount,
	readPending,
	type PendingQuery,
	withReceipts,
	withReceiptsInOrder
} from './internal/sync-state-store';

export interface AppendOptions {
	expectedVersion: ExpectedVersion;
	/**
	 * The eventId the stream's head must have: with `expectedVersion`, proof that the stream is
	 * exactly as the writer saw it, even if its pending tail was replaced at the same length.
	 */
	expectedHeadEventId?: string;
	/** The command that produced the events, stored in the same transaction. */
	command?: Omit<StoredCommand, 'eventIds' | 'streamId'>;
}

export interface AppendResult {
	events: StoredEvent[];
	/** The stream's version after the append. */
	version: number;
}

export interface ReadStreamOptions {
	fromVersion?: number;
	toVersion?: number;
}

export interface ReadAllOptions {
	after?: LogCursor;
	limit?: number;
}

export interface EventStoreOptions {
	/** The IndexedDB database name: one per workspace and user on a device. */
	name: string;
	registry: EventRegistry;
	/** Passed to Dexie: `indexedDB`, `IDBKeyRange`, `chromeTransactionDurability`, … */
	dexie?: DexieOptions;
}

type AppendCode = typeof PrepareEvents & typeof AppendTransaction;

let appendCode: AppendCode | undefined;

/**
 * Loads the append's code (the events' checks, the transaction), once. The first append loads
 * it with the registry's schemas; an app may load it earlier, with its write model.
 */
export async function loadAppendCode(): Promise<void> {
	if (appendCode) return;
	const [prepare, append] = await Promise.all([
		import('./internal/prepare-events'),
		import('./internal/append-transaction')
	]);
	appendCode = { ...prepare, ...append };
}

/** The device's event log in IndexedDB: append-only, version-checked, read in canonical order. */
export class EventStore {
	readonly #db: RewindDatabase;
	readonly registry: EventRegistry;
	/** What sync may do to the pending state: acknowledge, apply remote events, the inbox… */
	readonly sync: StoreSync;
	/** The whole log as one file, and such a file merged back in (`store.backup`). */
	readonly backup: StoreBackup;
	/** Where read models keep their rows, beside the log they fold. */
	readonly readModels: ReadModelStorage;
	/** The tab's commands and rewinds, one at a time per stream: every writer on a stream joins it. */
	readonly queue = new StreamQueue();
	readonly #feed: ChangeFeed;
	readonly #parts: StoreSyncParts;
	/** Commits heard of (this tab's and others'), and the reads of the log under way: `readLocal`. */
	#commits = 0;
	readonly #reads = new Map<string, Promise<StoredEvent[]>>();
	readonly #durability: IDBTransactionDurability;
	readonly #keyRange: typeof IDBKeyRange;
	#readOnly: string | undefined;

	constructor(options: EventStoreOptions) {
		this.#db = new RewindDatabase(options.name, options.dexie);
		this.registry = options.registry;
		this.#feed = new ChangeFeed(options.name);
		// First of the feed's listeners: the count moves before any reader hears of the commit.
		this.#feed.subscribe(() => this.#commits++);
		const announce = (streamIds: string[], rewritten: boolean, events?: readonly ReadEvent[]) => {
			if (streamIds.length > 0) this.#feed.committed(streamIds, rewritten, events);
		};
		const parts = (this.#parts = {
			db: this.#db,
			registry: this.registry,
			connection: () => this.#connection(),
			readStream: (streamId: string) => this.readStream(streamId),
			announce
		});
		this.sync = new StoreSync(parts);
		this.backup = new StoreBackup(parts);
		this.readModels = new ReadModelStorage(this.#db);
		registerInternals(this, { db: this.#db, announce });
		this.#durability = options.dexie?.chromeTransactionDurability ?? 'default';
		// Dexie types its own option loosely; it is the IDBKeyRange of the same `indexedDB`.
		this.#keyRange =
			(options.dexie?.IDBKeyRange as typeof IDBKeyRange | undefined) ?? globalThis.IDBKeyRange;
	}

	/**
	 * Refuses local changes from now on (`ReadOnlyError` with `reason`), or, with undefined,
	 * takes them again. Sync sets it from the signed-in person's role: a viewer's change could
	 * never reach the server. Pulled events still land; only `append` is refused.
	 */
	refuseWrites(reason: string | undefined): void {
		this.#readOnly = reason;
	}

	/** Whether `append` refuses changes (`refuseWrites`). */
	get readOnly(): boolean {
		return this.#readOnly !== undefined;
	}

	/**
	 * Appends events to a stream in one transaction: all are written or none. Throws
	 * `VersionConflictError` when the head is not `expectedVersion`, `ValidationError` for bad
	 * events, `EventTooLargeError` for an event over `MAX_EVENT_BYTES` of JSON,
	 * `StorageQuotaError` when the device is full, `ReadOnlyError` after `refuseWrites`.
	 */
	async append(
		streamId: string,
		events: readonly EventInput[],
		options: AppendOptions
	): Promise<AppendResult> {
		if (this.#readOnly !== undefined) throw new ReadOnlyError(this.#readOnly);
		assertStreamId(streamId);
		assertExpectedVersionShape(options?.expectedVersion);
		// The first append waits for the append's code, and a registry that loads its schemas on
		// demand for them, together and once: a first visit, which writes nothing, carries neither.
		const loading = appendCode
			? this.registry.prepare?.()
			: Promise.all([loadAppendCode(), this.registry.prepare?.()]);
		if (loading) await loading;
		const { prepareEvents, appendTransaction } = appendCode!;
		const prepared = prepareEvents(this.registry, events, streamId);
		let result: AppendResult;
		try {
			result = await appendTransaction(await this.#connection(), {
				streamId,
				prepared,
				...options
			});
		} catch (error) {
			throw mapWriteError(error);
		}
		if (result.events.length > 0) this.#feed.committed([streamId], false, result.events);
		return result;
	}

	/** Events in their latest shape, once the registry can upcast each of them. */
	async #upcast(events: readonly StoredEvent[]): Promise<ReadEvent[]> {
		const schemas = this.registry.prepare?.(events);
		if (schemas) await schemas;
		return events.map((event) => this.registry.read(event));
	}

	/** The stream's events in version order, upcast to their latest shape. */
	async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<ReadEvent[]> {
		assertStreamId(streamId);
		const from = options.fromVersion ?? 1;
		const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
		if (from > to) return [];
		const db = this.#db;
		const events = await db.transaction('r', [db.events, db.receipts], async () =>
			withReceipts(
				db,
				await db.events
					.where('[streamId+version]')
					.between([streamId, from], [streamId, to], true, true)
					.toArray()
			)
		);
		return this.#upcast(events);
	}

	/**
	 * The events a command wrote on this device, pending or synced, in version order; empty
	 * when the command is not in the log (never run, decided nothing, or discarded).
	 */
	async eventsOfCommand(commandId: string): Promise<ReadEvent[]> {
		const db = this.#db;
		const events = await db.transaction('r', [db.events, db.receipts], async () =>
			withReceiptsInOrder(
				db,
				await db.events.where('metadata.commandId').equals(commandId).toArray()
			)
		);
		return this.#upcast(events.sort((a, b) => a.version - b.version));
	}

	/** The stream's current version; 0 when it does not exist. */
	async streamVersion(streamId: string): Promise<number> {
		assertStreamId(streamId);
		return this.#head(streamId);
	}

	/**
	 * Reads the log in canonical order (synced events by position, then pending ones in local
	 * order), continuing after `after`. Both parts are read in one transaction so a sync
	 * landing in between cannot show an event twice or not at all.
	 */
	async readAll(options: ReadAllOptions = {}): Promise<ReadEvent[]> {
		const after = options.after ?? LOG_START;
		const limit = options.limit ?? Infinity;
		if (options.limit !== undefined) assertPositiveInteger(limit, 'limit');
		const db = this.#db;
		const events = await db.transaction('r', [db.events, db.receipts, db.outbox], async () => {
			const receipts = await syncedAfter(db, after.position, limit);
			const records = await db.events.bulkGet(receipts.map((receipt) => receipt.seq));
			const synced = records.map((record, index) => withReceipt(record!, receipts[index]));
			if (synced.length >= limit) return synced;
			return synced.concat(
				await readPending(db, { afterSeq: after.seq, limit: limit - synced.length })
			);
		});
		return this.#upcast(events);
	}

	/**
	 * Reads events in local insertion order (`seq`), whatever their sync state. Within a stream
	 * this is version order, which is all a per-record fold needs.
	 */
	async readLocal(options: { afterSeq?: number; limit?: number } = {}): Promise<ReadEvent[]> {
		const afterSeq = options.afterSeq ?? 0;
		const limit = options.limit ?? Infinity;
		// Readers that ask for the same stretch at once (the lists of a page loading together)
		// share one read. Only while no commit was heard since it began: a reader told of a
		// commit must see it, so it starts a read of its own.
		const key = `${this.#commits}:${afterSeq}:${limit}`;
		let read = this.#reads.get(key);
		if (!read) {
			read = this.#connection().then((connection) => readAfter(connection, afterSeq, limit));
			this.#reads.set(key, read);
			const forget = () => this.#reads.delete(key);
			read.then(forget, forget);
		}
		return this.#upcast(await read);
	}

	/** The newest events on this device first, before `beforeSeq`: for activity feeds, page by page. */
	async readRecent(options: { beforeSeq?: number; limit: number }): Promise<ReadEvent[]> {
		assertPositiveInteger(options.limit, 'limit');
		const db = this.#db;
		const events = await db.transaction('r', [db.events, db.receipts], async () => {
			const newestFirst = await db.events
				.where('seq')
				.below(options.beforeSeq ?? Infinity)
				.reverse()
				.limit(options.limit)
				.toArray();
			return (await withReceiptsInOrder(db, newestFirst.reverse())).reverse();
		});
		return this.#upcast(events);
	}

	/**
	 * The events the server does not have yet, in local order, after `afterSeq`, at most
	 * `limit`, leaving out the streams in `held` (and, with `causesFirst`, for now, those of
	 * reactions' commands whose causes are still pending further on).
	 */
	async readPending(options: PendingQuery = {}): Promise<StoredEvent[]> {
		if (options.limit !== undefined) assertPositiveInteger(options.limit, 'limit');
		const db = this.#db;
		return db.transaction('r', [db.events, db.outbox], () => readPending(db, options));
	}

	/** How many events the server does not have yet (reads every outbox entry). */
	pendingCount(): Promise<number> {
		return pendingCount(this.#db);
	}

	/**
	 * How many changes the server does not have yet: appends, each a command's events. Counted
	 * by IndexedDB without reading the entries, so it stays cheap however long the backlog is.
	 */
	pendingChanges(): Promise<number> {
		return pendingChangeCount(this.#db);
	}

	/** The highest local seq in the log; 0 when it is empty. */
	async lastSeq(): Promise<number> {
		return ((await this.#db.events.toCollection().lastKey()) as number | undefined) ?? 0;
	}

	/**
	 * Drops a stream's pending events from `fromVersion` on: they never left the device, so
	 * nobody else has seen them. Refuses (writes nothing) if any of them is synced already.
	 * With `redecide`, what reactions did because of the dropped commands goes with them, in the
	 * same transaction (their streams' other pending commands decided again). Returns the
	 * removed events of `streamId`.
	 */
	async discardPending(
		streamId: string,
		fromVersion: number,
		redecide?: Redecide
	): Promise<StoredEvent[]> {
		assertStreamId(streamId);
		assertPositiveInteger(fromVersion, 'fromVersion');
		// Loaded on use: discarding reaches the rebase code, which a first page never runs.
		const [{ discardPendingTail }] = await Promise.all([
			import('./internal/discard-pending'),
			redecide ? this.registry.prepare?.() : undefined
		]);
		const { removed, streams } = await discardPendingTail(
			this.#parts,
			streamId,
			fromVersion,
			redecide
		);
		if (streams.length > 0) this.#feed.committed(streams, true);
		return removed;
	}

	/** Rewrites recorded after `afterId`, oldest first. */
	async rewritesSince(afterId: number): Promise<Rewrite[]> {
		return this.#db.rewrites.where('id').above(afterId).toArray();
	}

	/** Calls `listener` after every commit to the log, in this tab or another one. */
	subscribe(listener: LogListener): () => void {
		return this.#feed.subscribe(listener);
	}

	async latestSnapshot(streamId: string): Promise<Snapshot | undefined> {
		return this.#db.snapshots.get(streamId);
	}

	/** Keeps the latest snapshot per stream. A lost snapshot costs time, never data. */
	async saveSnapshot(snapshot: Snapshot): Promise<void> {
		try {
			await this.#db.snapshots.put(snapshot);
		} catch (error) {
			throw mapWriteError(error);
		}
	}

	/** The commands of the stream's pending events, oldest first. */
	async commandsOf(streamId: string): Promise<StoredCommand[]> {
		return commandsIn(await outboxOf(this.#db, streamId));
	}

	/** The IndexedDB database's name: one per workspace and user, for lock and channel names. */
	get name(): string {
		return this.#db.name;
	}

	/** A record a reader of the log keeps under its name (a projection's checkpoint). */
	async readCheckpoint<T extends NamedRecord>(name: string): Promise<T | undefined> {
		return (await this.#db.checkpoints.get(name)) as T | undefined;
	}

	/** Replaces the records of these names, in one transaction. */
	async writeCheckpoints<T extends NamedRecord>(checkpoints: readonly T[]): Promise<void> {
		await this.#db.checkpoints.bulkPut([...checkpoints]);
	}

	async deleteCheckpoints(names: readonly string[]): Promise<void> {
		await this.#db.checkpoints.bulkDelete([...names]);
	}

	close(): void {
		this.#feed.close();
		this.#db.close();
	}

	/** Dexie's open connection to IndexedDB, opened (again) if Dexie closed it. */
	async #connection(): Promise<NativeConnection> {
		if (!this.#db.isOpen()) await this.#db.open();
		return { db: this.#db.backendDB(), durability: this.#durability, keyRange: this.#keyRange };
	}

	async #head(streamId: string): Promise<number> {
		return (await this.#last(streamId))?.version ?? 0;
	}

	#last(streamId: string): Promise<EventRecord | undefined> {
		return this.#db.events
			.where('[streamId+version]')
			.between([streamId, Dexie.minKey], [streamId, Dexie.maxKey])
			.last();
	}
}

/**
 * Each synced event's receipt after `position`, by position, at most `limit`: the runs that
 * start after it, and the end of the one it is in.
 */
async function syncedAfter(
	db: RewindDatabase,
	position: number,
	limit: number
): Promise<Receipt[]> {
	const [holding, runs] = await Promise.all([
		db.receipts.where('position').belowOrEqual(position).last(),
		limited(db.receipts.where('position').above(position), limit)
	]);
	if (holding) runs.unshift(holding);
	const receipts = eachReceipt(runs).filter((receipt) => receipt.position > position);
	return receipts.length > limit ? receipts.slice(0, limit) : receipts;
}

function limited<T>(collection: Dexie.Collection<T>, limit: number): Promise<T[]> {
	return (Number.isFinite(limit) ? collection.limit(limit) : collection).toArray();
}
