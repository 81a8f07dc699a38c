import type { ReadEvent } from '../events';
import {
	sameState,
	type EventStore,
	type LogChange,
	type ReadModelEntry,
	type ReadModelState
} from '../eventstore';
import type { ProjectedRecord, Projection } from './define-projection';
import { continueRecord, foldRecord } from './fold-records';
import { addTallies, tallyOf } from './read-model-tallies';
import { FoldQueue } from './fold-queue';
import { readModelEntry } from './read-model-entry';

const PAGE = 5_000;
/** A long fold saves whenever this many rows wait: each save is one transaction. */
const SAVE_ROWS = 2_000;
/**
 * A command's rows are saved this long after the last command, so that a burst of commands
 * (fast clicks, a form) is saved once and no save stands in the way of the next append.
 */
const SAVE_DELAY_MS = 300;
/** How many stored rows a runner keeps to fold the next change of those records without a read. */
const KNOWN_ROWS = 1_000;

/** Rows a fold changed, by record (undefined: the record has no row any more). */
export type RowChanges<Row> = ReadonlyMap<string, ReadModelEntry<Row> | undefined>;

/** How far a fold of many pages has come, for a progress bar. */
export interface FoldProgress {
	/** The local seq folded up to. */
	done: number;
	/** The log's last seq when the fold began. */
	total: number;
}

/**
 * Keeps a projection's rows in IndexedDB (`store.readModels`), so that a list reads a page of
 * them and nothing holds them all in memory. Each batch of events (an append, a pulled page, a
 * page of the log) is folded in memory and shown at once (`onChange` with the rows); the rows
 * are saved behind it, many batches in one transaction, with the state they reach. An event
 * that does not continue its record's version (rewound, rebased, discarded) refolds that
 * record from its stream. The log stays the truth: rows not yet saved when the tab closes are
 * folded again at the next start.
 *
 * Tabs on one database fold the same log. A save is conditional on the stored state it started
 * from: when another tab saved first, this one drops what it had not saved and goes on from
 * the other's state (the same fold of the same log).
 */
export class ReadModelRunner<Row> {
	/** The state as stored, as far as this tab knows: what the next save is conditional on. */
	#stored: ReadModelState | undefined;
	/** The state folded so far: `#stored` and the rows in `#unsaved`. */
	#state: ReadModelState | undefined;
	/** Rows folded since `#stored`, not yet saved. */
	readonly #unsaved = new Map<string, ReadModelEntry<Row> | undefined>();
	/** Rows as `#stored` has them, of the records folded or read last: their next fold needs no read. */
	readonly #known = new Map<string, ReadModelEntry<Row> | undefined>();
	#saveTimer: ReturnType<typeof setTimeout> | undefined;
	#loaded = false;
	#ready = false;
	#progress: FoldProgress | undefined;
	#failure: unknown;
	readonly #queue: FoldQueue;
	#unsubscribe: (() => void) | undefined;
	readonly #listeners = new Set<(changes?: RowChanges<Row>) => void>();

	readonly #page: number;
	readonly #saveRows: number;

	constructor(
		readonly store: EventStore,
		readonly projection: Projection<Row>,
		/**
		 * `pageSize`: how many events a fold reads of the log at once; `saveRows`: how many rows
		 * may wait before a long fold saves them.
		 */
		options: { pageSize?: number; saveRows?: number } = {}
	) {
		this.#queue = new FoldQueue(`Read model ${projection.name}`, (error) => {
			this.#failure = error;
			this.#changed();
		});
		this.#page = options.pageSize ?? PAGE;
		this.#saveRows = options.saveRows ?? SAVE_ROWS;
	}

	get name(): string {
		return this.projection.name;
	}

	/** The state the rows are folded to (how far, the list's tallies); undefined before the load. */
	get state(): ReadModelState | undefined {
		return this.#state;
	}

	/** Rows folded and shown but not saved yet: a reader of the stored rows lays these over them. */
	get unsaved(): RowChanges<Row> {
		return this.#unsaved;
	}

	/** True once the stored state is read: `state` holds the tallies as stored. */
	get loaded(): boolean {
		return this.#loaded;
	}

	/** True once the rows are caught up with the log as it was at start. */
	get ready(): boolean {
		return this.#ready;
	}

	/** Set while a fold of more than one page runs (a first start, a rebuild, a long catch-up). */
	get progress(): FoldProgress | undefined {
		return this.#progress;
	}

	/**
	 * Why the last fold failed (the browser's storage full, the database closed), until a fold
	 * succeeds: the rows stop where that fold stopped, and `retry()` goes on from there.
	 */
	get failure(): unknown {
		return this.#failure;
	}

	/**
	 * Told after every change: with the rows a fold changed, as soon as they are folded; without,
	 * when the stored rows changed (saved, or another tab's taken): read what you show again.
	 */
	onChange(listener: (changes?: RowChanges<Row>) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Reads the stored state and catches up, then follows every commit until `stop()`. */
	start(): Promise<void> {
		// Subscribe before the first read so that no commit falls between the read and the subscription.
		this.#unsubscribe = this.store.subscribe((change) =>
			this.#queue.follow(() => this.#apply(change))
		);
		return this.#queue.run(() => this.#load());
	}

	/** Goes on after a failure: loads if the load failed, and catches up with the log. */
	retry(): Promise<void> {
		return this.#queue.run(() => this.#load());
	}

	/** Stops following the log and saves what waits. */
	async stop(): Promise<void> {
		this.#unsubscribe?.();
		clearTimeout(this.#saveTimer);
		await this.#queue.stop();
		if (this.#loaded) await this.#save();
	}

	/** Throws the rows away and folds the whole log again, page by page, telling its progress. */
	rebuild(): Promise<void> {
		return this.#queue.run(async () => {
			clearTimeout(this.#saveTimer);
			await this.store.readModels.reset(this.name);
			this.#take(undefined);
			await this.#catchUp();
		});
	}

	/** Resolves once every change told before the call is folded and saved. */
	settled(): Promise<void> {
		return this.#queue.run(async () => {
			if (!(await this.#save())) await this.#catchUp();
		});
	}

	async #load(): Promise<void> {
		if (!this.#loaded) {
			this.#take(await this.#storedState());
			this.#loaded = true;
			this.#changed();
		}
		await this.#catchUp();
		this.#ready = true;
		this.#changed();
	}

	/** The stored state if this projection's code made it; rows of another version are dropped. */
	async #storedState(): Promise<ReadModelState | undefined> {
		const stored = await this.store.readModels.state(this.name);
		if (!stored || stored.version === this.projection.version) return stored;
		await this.store.readModels.reset(this.name);
		return undefined;
	}

	/** Goes on from `stored`, dropping what was folded and not saved: readers read again. */
	#take(stored: ReadModelState | undefined): void {
		this.#stored = stored;
		this.#state = stored;
		this.#unsaved.clear();
		this.#known.clear();
		this.#changed();
	}

	async #apply(change: LogChange): Promise<void> {
		const events = change.events;
		const state = this.#state;
		// An append in this tab that directly follows what is folded: its events as handed over.
		if (state && !change.rewritten && events?.[0]?.seq === state.seq + 1) {
			if (await this.#fold(events, new Set(), state.rewriteId)) {
				// A catch-up hands page after page over: it saves as it goes, not only when quiet.
				if (this.#unsaved.size < this.#saveRows) return this.#saveSoon();
				if (await this.#save()) return;
			}
			this.#take(await this.#storedState());
		}
		await this.#catchUp(change.rewritten ? change.streamIds : []);
	}

	/** Folds the rewrites and the events after the state, to the end of the log, and saves. */
	async #catchUp(rewritten: readonly string[] = []): Promise<void> {
		const refold = new Set(rewritten);
		// Another tab saved first: go on from where it got.
		while (!(await this.#foldToEnd(refold))) this.#take(await this.#storedState());
		this.#progress = undefined;
		if (this.#failure !== undefined) {
			this.#failure = undefined;
			this.#changed();
		}
	}

	/** False when another tab's save came between. */
	async #foldToEnd(refold: Set<string>): Promise<boolean> {
		const since = this.#state?.rewriteId;
		// Read before the log: a rewrite after this read is folded by the next catch-up.
		const rewrites = await this.store.rewritesSince(since ?? 0);
		const rewriteId = rewrites.at(-1)?.id ?? since ?? 0;
		// A fold from the start reads every record as the log has it now, rewrites included.
		if (since !== undefined) {
			for (const rewrite of rewrites) rewrite.streamIds.forEach((id) => refold.add(id));
		}
		const total = await this.store.lastSeq();
		let page = this.store.readLocal({ afterSeq: this.#state?.seq ?? 0, limit: this.#page });
		for (;;) {
			const afterSeq = this.#state?.seq ?? 0;
			const events = await page;
			const full = events.length === this.#page;
			// The next page is read while this one is folded and its rows saved.
			if (full) page = this.store.readLocal({ afterSeq: events.at(-1)!.seq, limit: this.#page });
			if (full || this.#progress) {
				this.#progress = { done: afterSeq, total: Math.max(total, afterSeq) };
			}
			const due = events.length > 0 || refold.size > 0 || !this.#state;
			const folded = !due || (await this.#fold(events, refold, rewriteId));
			refold.clear();
			if (folded && !full) return this.#save();
			if (!folded || (this.#unsaved.size >= this.#saveRows && !(await this.#save()))) {
				if (full) page.catch(() => undefined);
				return false;
			}
		}
	}

	/**
	 * Folds `events` (in seq order, directly after the state) and refolds the `refold` records
	 * from their streams, in memory, and tells the changed rows. False, folding nothing, when the
	 * rows it needed to read belong to another tab's save than the one this tab started from.
	 */
	async #fold(
		events: readonly ReadEvent[],
		refold: ReadonlySet<string>,
		rewriteId: number
	): Promise<boolean> {
		const { projection } = this;
		const byRecord = new Map<string, ReadEvent[]>();
		for (const event of events) {
			if (!projection.filter(event.streamId)) continue;
			const recordEvents = byRecord.get(event.streamId);
			if (recordEvents) recordEvents.push(event);
			else byRecord.set(event.streamId, [event]);
		}
		const refolds = new Set([...refold].filter((key) => projection.filter(key)));
		for (const key of refolds) if (!byRecord.has(key)) byRecord.set(key, []);
		const before = await this.#rowsOf([...byRecord.keys()]);
		if (!before) return false;

		const after = new Map<string, ProjectedRecord<Row> | undefined>();
		for (const [key, recordEvents] of byRecord) {
			if (refolds.has(key)) continue;
			const folded = continueRecord(projection, before.get(key), recordEvents);
			if (folded === 'refold') refolds.add(key);
			else after.set(key, folded);
		}
		await Promise.all(
			[...refolds].map(async (key) => {
				after.set(key, foldRecord(projection, await this.store.readStream(key)));
			})
		);

		const tallies = { ...this.#state?.tallies };
		const changes = new Map<string, ReadModelEntry<Row> | undefined>();
		for (const [key, record] of after) {
			const old = before.get(key);
			if (old) addTallies(tallies, tallyOf(projection, old), -1);
			const entry = record && readModelEntry(projection, key, record);
			if (entry) addTallies(tallies, tallyOf(projection, entry), 1);
			if (entry || old) changes.set(key, entry);
		}
		for (const [key, entry] of changes) this.#unsaved.set(key, entry);
		this.#state = {
			version: projection.version,
			seq: events.at(-1)?.seq ?? this.#state?.seq ?? 0,
			rewriteId,
			// Given at the save: until then this state is this tab's alone.
			commit: '',
			tallies
		};
		if (this.#progress) this.#progress = { ...this.#progress, done: this.#state.seq };
		this.#changed(changes);
		return true;
	}

	/**
	 * The rows of `keys` as folded so far: unsaved ones, known ones, the rest read with the
	 * stored state. Undefined when that state is no longer the one this tab started from.
	 */
	async #rowsOf(
		keys: readonly string[]
	): Promise<Map<string, ReadModelEntry<Row> | undefined> | undefined> {
		const rows = new Map<string, ReadModelEntry<Row> | undefined>();
		const missing: string[] = [];
		for (const key of keys) {
			if (this.#unsaved.has(key)) rows.set(key, this.#unsaved.get(key));
			else if (this.#known.has(key)) rows.set(key, this.#known.get(key));
			// Nothing stored yet: no record has a row (a save would find another tab's and fail).
			else if (this.#stored === undefined) rows.set(key, undefined);
			else missing.push(key);
		}
		if (missing.length === 0) return rows;
		const stored = await this.store.readModels.read<Row>(this.name, missing);
		if (!sameState(stored.state, this.#stored)) return undefined;
		missing.forEach((key, index) => {
			rows.set(key, stored.entries[index]);
			this.#know(key, stored.entries[index]);
		});
		return rows;
	}

	#saveSoon(): void {
		clearTimeout(this.#saveTimer);
		this.#saveTimer = setTimeout(
			() =>
				this.#queue.follow(async () => {
					if (!(await this.#save())) await this.#catchUp();
				}),
			SAVE_DELAY_MS
		);
	}

	/**
	 * Saves the unsaved rows and the state they reach, if the stored state is still the one
	 * this tab folded from; true when saved (or nothing waited).
	 */
	async #save(): Promise<boolean> {
		clearTimeout(this.#saveTimer);
		const folded = this.#state;
		if (!folded || (folded.commit !== '' && this.#unsaved.size === 0)) return true;
		const next = { ...folded, commit: crypto.randomUUID() };
		const put = [...this.#unsaved.values()].filter((entry) => entry !== undefined);
		const remove = [...this.#unsaved].flatMap(([key, entry]) => (entry ? [] : [key]));
		const saved = await this.store.readModels.commit(this.name, this.#stored, next, {
			put,
			remove
		});
		if (!saved) return false;
		this.#stored = next;
		this.#state = next;
		for (const [key, entry] of this.#unsaved) this.#know(key, entry);
		this.#unsaved.clear();
		this.#changed();
		return true;
	}

	#know(key: string, entry: ReadModelEntry<Row> | undefined): void {
		this.#known.delete(key);
		this.#known.set(key, entry);
		for (const oldest of this.#known.keys()) {
			if (this.#known.size <= KNOWN_ROWS) break;
			this.#known.delete(oldest);
		}
	}

	#changed(changes?: RowChanges<Row>): void {
		for (const listener of this.#listeners) listener(changes);
	}
}
