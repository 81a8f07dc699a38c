import { REWOUND, type ReadEvent } from '../events';
import type { EventStore, LogChange } from '../eventstore';
import type { ProjectedRecord, Projection } from './define-projection';
import type { Checkpoint } from './checkpoint';
import { FoldQueue } from './fold-queue';
import { foldRecord } from './fold-records';

const PAGE = 5_000;
const CHECKPOINT_EVERY_EVENTS = 500;
const CHECKPOINT_DELAY_MS = 1_000;

/** Told the rows after the load and after every change. */
export type RowsListener<Row> = (rows: ReadonlyMap<string, Row>) => void;

/**
 * Keeps a projection's rows current: loads the checkpoint, folds the events after it, then
 * follows the log. An event that does not continue its record's version (the record was
 * rewound, rebased or discarded) makes that record refold from its stream.
 */
export class ProjectionRunner<Row> {
	readonly #records = new Map<string, ProjectedRecord<Row>>();
	// The rows as subscribers see them, kept beside the records so a commit costs one row, not a copy of all.
	readonly #rows = new Map<string, Row>();
	#seq = 0;
	#rewriteId = 0;
	#foldedSinceCheckpoint = 0;
	#checkpointTimer: ReturnType<typeof setTimeout> | undefined;
	readonly #queue: FoldQueue;
	/** Only a runner that loaded has rows worth saving; saving before would wipe the checkpoint. */
	#loaded = false;
	#unsubscribe: (() => void) | undefined;

	constructor(
		readonly store: EventStore,
		readonly projection: Projection<Row>,
		private readonly onRows: RowsListener<Row>
	) {
		this.#queue = new FoldQueue(`Projection ${projection.name}`);
	}

	/** Loads and catches up, then follows every commit until `stop()`. */
	start(): Promise<void> {
		// Subscribe before the first read so that no commit falls between the read and the subscription.
		this.#unsubscribe = this.store.subscribe((change) =>
			this.#queue.follow(() => this.#apply(change))
		);
		return this.#queue.run(() => this.#load());
	}

	async stop(): Promise<void> {
		this.#unsubscribe?.();
		await this.#queue.stop();
		clearTimeout(this.#checkpointTimer);
		if (this.#loaded) await this.#saveCheckpoint();
	}

	/** Throws the checkpoint away and folds the whole log again. */
	rebuild(): Promise<void> {
		return this.#queue.run(async () => {
			this.#records.clear();
			this.#rows.clear();
			this.#seq = 0;
			this.#rewriteId = (await this.store.rewritesSince(0)).at(-1)?.id ?? 0;
			await this.#catchUp();
			await this.#saveCheckpoint();
			this.#publish();
		});
	}

	/**
	 * Resolves once every change told before the call is folded and published: for a caller
	 * that needs the rows to reflect what it has heard of so far (a test, a reader after a write).
	 */
	settled(): Promise<void> {
		return this.#queue.run(() => Promise.resolve());
	}

	/** The live rows: the same map after every fold, so read it, never keep a copy as a snapshot. */
	get rows(): ReadonlyMap<string, Row> {
		return this.#rows;
	}

	async #load(): Promise<void> {
		const checkpoint = await this.store.readCheckpoint<Checkpoint>(this.projection.name);
		if (checkpoint && checkpoint.version === this.projection.version) {
			for (const [streamId, record] of checkpoint.records) {
				this.#set(streamId, record as ProjectedRecord<Row>);
			}
			this.#seq = checkpoint.seq;
			this.#rewriteId = checkpoint.rewriteId;
			const rewrites = await this.store.rewritesSince(checkpoint.rewriteId);
			await this.#refold(new Set(rewrites.flatMap((rewrite) => rewrite.streamIds)));
			this.#rewriteId = rewrites.at(-1)?.id ?? this.#rewriteId;
		} else {
			this.#rewriteId = (await this.store.rewritesSince(0)).at(-1)?.id ?? 0;
		}
		const folded = await this.#catchUp();
		this.#loaded = true;
		if (folded > 0 || checkpoint?.version !== this.projection.version) await this.#saveCheckpoint();
		this.#publish();
	}

	async #apply(change: LogChange): Promise<void> {
		if (change.rewritten) {
			const rewrites = await this.store.rewritesSince(this.#rewriteId);
			await this.#refold(new Set([...change.streamIds, ...rewrites.flatMap((r) => r.streamIds)]));
			this.#rewriteId = rewrites.at(-1)?.id ?? this.#rewriteId;
		}
		const folded = (await this.#foldAppended(change)) ?? (await this.#catchUp());
		if (folded > 0 || change.rewritten) {
			this.#scheduleCheckpoint(folded);
			this.#publish();
		}
	}

	/**
	 * An append in this tab that directly follows what is folded: its events are folded as
	 * handed over, with no read. Anything else (a gap, another tab) reads from the log.
	 */
	async #foldAppended(change: LogChange): Promise<number | undefined> {
		const events = change.events;
		if (!events || events.length === 0 || events[0]!.seq !== this.#seq + 1) return undefined;
		for (const event of events) await this.#fold(event);
		this.#seq = events.at(-1)!.seq;
		return events.length;
	}

	/** Folds every event after the current seq; returns how many it read. */
	async #catchUp(): Promise<number> {
		let total = 0;
		for (;;) {
			const events = await this.store.readLocal({ afterSeq: this.#seq, limit: PAGE });
			for (const event of events) await this.#fold(event);
			total += events.length;
			this.#seq = events.at(-1)?.seq ?? this.#seq;
			if (events.length < PAGE) return total;
		}
	}

	async #fold(event: ReadEvent): Promise<void> {
		const { streamId } = event;
		if (!this.projection.filter(streamId)) return;
		const record = this.#records.get(streamId);
		const continues = (record?.version ?? 0) === event.version - 1;
		if (event.type === REWOUND || !continues) {
			await this.#refold(new Set([streamId]));
		} else if (event.unknownType) {
			this.#set(streamId, {
				version: event.version,
				row: record?.row ?? this.projection.initialState()
			});
		} else {
			const row = this.projection.evolve(record?.row ?? this.projection.initialState(), event);
			this.#set(streamId, { version: event.version, row });
		}
	}

	async #refold(streamIds: Set<string>): Promise<void> {
		for (const streamId of streamIds) {
			if (!this.projection.filter(streamId)) continue;
			const events = await this.store.readStream(streamId);
			const record = foldRecord(this.projection, events);
			if (record) this.#set(streamId, record);
			else {
				this.#records.delete(streamId);
				this.#rows.delete(streamId);
			}
		}
	}

	#set(streamId: string, record: ProjectedRecord<Row>): void {
		this.#records.set(streamId, record);
		this.#rows.set(streamId, record.row);
	}

	#scheduleCheckpoint(folded: number): void {
		this.#foldedSinceCheckpoint += folded;
		// A checkpoint writes every record held, so a burst (a catch-up of many pages) saves once
		// it has folded at least as many events as there are records: the cost per folded event
		// stays the same however large the projection grows. A quiet moment saves the rest.
		const due = Math.max(CHECKPOINT_EVERY_EVENTS, this.#records.size);
		if (this.#foldedSinceCheckpoint >= due) {
			this.#queue.follow(() => this.#saveCheckpoint());
			return;
		}
		clearTimeout(this.#checkpointTimer);
		this.#checkpointTimer = setTimeout(
			() => this.#queue.follow(() => this.#saveCheckpoint()),
			CHECKPOINT_DELAY_MS
		);
	}

	async #saveCheckpoint(): Promise<void> {
		this.#foldedSinceCheckpoint = 0;
		const { name, version } = this.projection;
		await this.store.writeCheckpoints([
			{
				name,
				version,
				seq: this.#seq,
				rewriteId: this.#rewriteId,
				records: Array.from(this.#records)
			}
		]);
	}

	#publish(): void {
		this.onRows(this.rows);
	}
}
