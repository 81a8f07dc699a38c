import { REWOUND, type ReadEvent } from '../events';
import {
	sameState,
	type EventStore,
	type LogChange,
	type ReadModelEntry,
	type ReadModelState
} from '../eventstore';
import type { ProjectedRecord, Projection } from './define-projection';
import { foldRecord } from './fold-records';
import { searchWords } from './search-words';
import { addTallies, tallyOf } from './read-model-tallies';

const PAGE = 5_000;
/** How many just-written rows a runner keeps to fold the next command without a read. */
const RECENT_ROWS = 500;

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
 * them and nothing holds them all in memory. Folds each batch of events (an append, a pulled
 * page, a page of the log) in one transaction with the state it reached; an event that does
 * not continue its record's version (rewound, rebased, discarded) refolds that record from
 * its stream. Tabs on one database fold the same log: each commit is conditional on the state
 * it started from, so when another tab got there first this one takes its state and goes on.
 */
export class ReadModelRunner<Row> {
	/** What this tab last committed or read; undefined while nothing is stored. */
	#state: ReadModelState | undefined;
	#loaded = false;
	#ready = false;
	#progress: FoldProgress | undefined;
	#queue: Promise<void> = Promise.resolve();
	#stopped = false;
	#unsubscribe: (() => void) | undefined;
	readonly #listeners = new Set<(changes?: RowChanges<Row>) => void>();
	/** Rows as the commit `#recentCommit` left them: the records this tab changed last. */
	readonly #recent = new Map<string, ReadModelEntry<Row> | undefined>();
	#recentCommit: string | undefined;

	constructor(
		readonly store: EventStore,
		readonly projection: Projection<Row>
	) {}

	get name(): string {
		return this.projection.name;
	}

	/** The state the rows are at (how far folded, the list's tallies); undefined before the load. */
	get state(): ReadModelState | undefined {
		return this.#state;
	}

	/** True once the stored state is read: `state` holds the tallies as stored. */
	get loaded(): boolean {
		return this.#loaded;
	}

	/** True once the stored rows are caught up with the log as it was at start. */
	get ready(): boolean {
		return this.#ready;
	}

	/** Set while a fold of more than one page runs (a first start, a rebuild, a long catch-up). */
	get progress(): FoldProgress | undefined {
		return this.#progress;
	}

	/**
	 * Told after every change of the rows or of the state: read what you show again. A fold
	 * first tells the rows it changed, before they are stored, then tells again once they are.
	 */
	onChange(listener: (changes?: RowChanges<Row>) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Reads the stored state and catches up, then follows every commit until `stop()`. */
	start(): Promise<void> {
		// Subscribe before the first read so that no commit falls between the read and the subscription.
		this.#unsubscribe = this.store.subscribe(
			(change) => void this.#enqueue(() => this.#apply(change))
		);
		return this.#enqueue(() => this.#load());
	}

	async stop(): Promise<void> {
		this.#stopped = true;
		this.#unsubscribe?.();
		await this.#queue;
	}

	/** Throws the rows away and folds the whole log again, page by page, telling its progress. */
	rebuild(): Promise<void> {
		return this.#enqueue(async () => {
			await this.store.readModels.reset(this.name);
			this.#state = undefined;
			this.#changed();
			await this.#catchUp();
		});
	}

	/** Resolves once every change told before the call is folded. */
	settled(): Promise<void> {
		return this.#enqueue(() => Promise.resolve());
	}

	#enqueue(work: () => Promise<void>): Promise<void> {
		// Folds run one at a time, in order; a failure is reported and the next one still runs.
		const run = this.#queue.then(() => (this.#stopped ? undefined : work()));
		this.#queue = run.catch((error: unknown) =>
			console.error(`Read model ${this.projection.name}`, error)
		);
		return run;
	}

	async #load(): Promise<void> {
		this.#state = await this.#storedState();
		this.#loaded = true;
		this.#changed();
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

	async #apply(change: LogChange): Promise<void> {
		const events = change.events;
		const state = this.#state;
		// An append in this tab that directly follows what is folded: its events as handed over.
		if (state && !change.rewritten && events?.[0]?.seq === state.seq + 1) {
			if (await this.#commit(events, new Set(), state.rewriteId)) return;
			this.#state = await this.#storedState();
		}
		await this.#catchUp(change.rewritten ? change.streamIds : []);
	}

	/** Folds the rewrites and the events after the state, to the end of the log. */
	async #catchUp(rewritten: readonly string[] = []): Promise<void> {
		const refold = new Set(rewritten);
		while (!(await this.#foldToEnd(refold))) {
			// Another tab committed first: go on from where it got.
			this.#state = await this.#storedState();
			this.#changed();
		}
		this.#progress = undefined;
	}

	/** False when another tab's commit came between. */
	async #foldToEnd(refold: Set<string>): Promise<boolean> {
		const since = this.#state?.rewriteId;
		// Read before the log: a rewrite after this read is folded by the next catch-up.
		const rewrites = await this.store.rewritesSince(since ?? 0);
		const rewriteId = rewrites.at(-1)?.id ?? since ?? 0;
		// A fold from the start reads every record as the log has it now, rewrites included.
		if (since !== undefined)
			for (const rewrite of rewrites) rewrite.streamIds.forEach((id) => refold.add(id));
		const total = await this.store.lastSeq();
		for (;;) {
			const afterSeq = this.#state?.seq ?? 0;
			const events = await this.store.readLocal({ afterSeq, limit: PAGE });
			if (events.length === PAGE || this.#progress) {
				this.#progress = { done: afterSeq, total: Math.max(total, afterSeq) };
			}
			const due = events.length > 0 || refold.size > 0 || !this.#state;
			if (due && !(await this.#commit(events, refold, rewriteId))) return false;
			refold.clear();
			if (events.length < PAGE) return true;
		}
	}

	/**
	 * Folds `events` (in seq order, directly after the state) and refolds the `refold` records
	 * from their streams, then commits the rows and the new state in one transaction if the
	 * stored state is still this tab's. Returns whether it committed.
	 */
	async #commit(
		events: readonly ReadEvent[],
		refold: ReadonlySet<string>,
		rewriteId: number
	): Promise<boolean> {
		const { projection } = this;
		const base = this.#state;
		const byRecord = new Map<string, ReadEvent[]>();
		for (const event of events) {
			if (!projection.filter(event.streamId)) continue;
			const recordEvents = byRecord.get(event.streamId);
			if (recordEvents) recordEvents.push(event);
			else byRecord.set(event.streamId, [event]);
		}
		const refolds = new Set([...refold].filter((key) => projection.filter(key)));
		for (const key of refolds) if (!byRecord.has(key)) byRecord.set(key, []);
		const keys = [...byRecord.keys()];
		const before = await this.#rowsAt(base, keys);
		// Rows of another commit than the one this fold starts from would be folded twice.
		if (!before) return false;

		const after = new Map<string, ProjectedRecord<Row> | undefined>();
		for (const [key, recordEvents] of byRecord) {
			if (refolds.has(key)) continue;
			const folded = this.#fold(before.get(key), recordEvents);
			if (folded === 'refold') refolds.add(key);
			else after.set(key, folded);
		}
		await Promise.all(
			[...refolds].map(async (key) => {
				after.set(key, foldRecord(projection, await this.store.readStream(key)));
			})
		);

		const tallies = { ...base?.tallies };
		const changes = new Map<string, ReadModelEntry<Row> | undefined>();
		for (const [key, record] of after) {
			const old = before.get(key);
			if (old) addTallies(tallies, tallyOf(projection, old), -1);
			const entry = record && this.#entry(key, record);
			if (entry) addTallies(tallies, tallyOf(projection, entry), 1);
			if (entry || old) changes.set(key, entry);
		}
		// Shown before it is stored: a page that holds these rows patches them in at once.
		this.#changed(changes);
		const next: ReadModelState = {
			version: projection.version,
			seq: events.at(-1)?.seq ?? base?.seq ?? 0,
			rewriteId,
			commit: crypto.randomUUID(),
			tallies
		};
		const put = [...changes.values()].filter((entry) => entry !== undefined);
		const remove = [...changes].flatMap(([key, entry]) => (entry ? [] : [key]));
		if (!(await this.store.readModels.commit(this.name, base, next, { put, remove }))) {
			this.#recent.clear();
			return false;
		}
		this.#state = next;
		this.#remember(base, next.commit, changes);
		if (this.#progress) this.#progress = { ...this.#progress, done: next.seq };
		this.#changed();
		return true;
	}

	/**
	 * The stored rows of `keys` as of `base`, from the rows this tab wrote last when it has them
	 * all (a command on the record just changed needs no read), else read with the state;
	 * undefined when the stored state is no longer `base`.
	 */
	async #rowsAt(
		base: ReadModelState | undefined,
		keys: readonly string[]
	): Promise<Map<string, ReadModelEntry<Row> | undefined> | undefined> {
		if (base && base.commit === this.#recentCommit && keys.every((key) => this.#recent.has(key))) {
			return new Map(keys.map((key) => [key, this.#recent.get(key)]));
		}
		const stored = await this.store.readModels.read<Row>(this.name, keys);
		if (!sameState(stored.state, base)) return undefined;
		return new Map(keys.map((key, index) => [key, stored.entries[index]]));
	}

	/** Keeps the rows just committed (the last few hundred), valid while the state is `commit`. */
	#remember(base: ReadModelState | undefined, commit: string, changes: RowChanges<Row>): void {
		// Rows kept from before another tab's commit may be stale: only a chain of this tab's own stays.
		if (base?.commit !== this.#recentCommit) this.#recent.clear();
		this.#recentCommit = commit;
		for (const [key, entry] of changes) {
			this.#recent.delete(key);
			this.#recent.set(key, entry);
		}
		for (const key of this.#recent.keys()) {
			if (this.#recent.size <= RECENT_ROWS) break;
			this.#recent.delete(key);
		}
	}

	/** A record's row after its events, or 'refold' when they do not continue it. */
	#fold(
		record: ProjectedRecord<Row> | undefined,
		events: readonly ReadEvent[]
	): ProjectedRecord<Row> | 'refold' {
		const { projection } = this;
		let folded = record;
		for (const event of events) {
			if (event.type === REWOUND || (folded?.version ?? 0) !== event.version - 1) return 'refold';
			const row = folded?.row ?? projection.initialState();
			folded = {
				version: event.version,
				row: event.unknownType ? row : projection.evolve(row, event)
			};
		}
		return folded ?? 'refold';
	}

	#entry(key: string, { version, row }: ProjectedRecord<Row>): ReadModelEntry<Row> {
		const list = this.projection.list;
		const order = list?.order(row);
		if (!list || order === undefined) return { key, version, row };
		return {
			key,
			version,
			row,
			order,
			group: list.group?.(row) ?? '',
			words: list.searchText ? searchWords(list.searchText(row)) : []
		};
	}

	#changed(changes?: RowChanges<Row>): void {
		for (const listener of this.#listeners) listener(changes);
	}
}
