import { derived, writable, type Readable, type Writable } from 'svelte/store';
import type { CommandContextInput } from '../aggregates';
import type { StoredEvent } from '../events';
import type { EventStore } from '../eventstore';
import { rewind } from './rewind';
import { UndoConflictError } from './undo-conflict-error';

/** A command of this user on this device, as the undo stack remembers it. */
export interface UndoEntry {
	streamId: string;
	commandId: string;
	/** What the app calls it, for "Undone: …" messages. */
	label: string;
	/** The stream's version before the command. */
	before: number;
	/** The stream's version after the command (or after its redo). */
	after: number;
}

interface RedoEntry extends UndoEntry {
	/** The version of the `$Rewound` that undid it. */
	undoneAt: number;
}

export interface UndoOptions {
	/** Undo even though someone else changed the record since: their change is reverted too. */
	force?: boolean;
}

/** Where the stack is kept between page loads: `sessionStorage` keeps it per tab. */
export interface UndoPersistence {
	storage: Pick<Storage, 'getItem' | 'setItem'>;
	key: string;
}

export interface UndoOutcome {
	entry: UndoEntry;
	event: StoredEvent;
}

/**
 * This user's commands on this device, across records, for Ctrl+Z and Ctrl+Shift+Z. Undo and
 * redo append `$Rewound` events; they never delete anything.
 */
export class UndoStack {
	readonly #undo = writable<UndoEntry[]>([]);
	readonly #redo = writable<RedoEntry[]>([]);
	readonly canUndo: Readable<boolean> = derived(this.#undo, (entries) => entries.length > 0);
	readonly canRedo: Readable<boolean> = derived(this.#redo, (entries) => entries.length > 0);
	/** The entry Ctrl+Z would undo, for a tooltip. */
	readonly nextUndo: Readable<UndoEntry | undefined> = derived(this.#undo, (entries) =>
		entries.at(-1)
	);
	readonly nextRedo: Readable<UndoEntry | undefined> = derived(this.#redo, (entries) =>
		entries.at(-1)
	);
	#busy: Promise<unknown> = Promise.resolve();

	constructor(
		private readonly store: EventStore,
		private readonly context: () => CommandContextInput,
		persistence?: UndoPersistence
	) {
		if (persistence) this.#persist(persistence);
	}

	/** Remembers a command that changed a record; a new command ends what could be redone. */
	record(entry: UndoEntry): void {
		if (entry.after <= entry.before) return;
		this.#undo.update((entries) => [...entries, entry]);
		this.#redo.set([]);
	}

	/** Undoes the latest command; resolves to undefined when there is nothing to undo. */
	undo(options: UndoOptions = {}): Promise<UndoOutcome | undefined> {
		return this.#serial(async () => {
			const entry = await this.#nextLive(this.#undo, (e) => e.after);
			if (!entry) return undefined;
			const head = await this.#checkUntouched(entry.streamId, entry.after, options);
			const event = await rewind(
				this.store,
				{
					streamId: entry.streamId,
					toVersion: entry.before,
					expectedVersion: head,
					undoes: entry.commandId
				},
				this.context()
			);
			this.#undo.update((entries) => entries.slice(0, -1));
			this.#redo.update((entries) => [...entries, { ...entry, undoneAt: event.version }]);
			return { entry, event };
		});
	}

	/** Redoes the latest undone command: the record returns to the state its undo left behind. */
	redo(options: UndoOptions = {}): Promise<UndoOutcome | undefined> {
		return this.#serial(async () => {
			const entry = await this.#nextLive(this.#redo, (e) => e.undoneAt);
			if (!entry) return undefined;
			const head = await this.#checkUntouched(entry.streamId, entry.undoneAt, options);
			const event = await rewind(
				this.store,
				{
					streamId: entry.streamId,
					toVersion: entry.undoneAt - 1,
					expectedVersion: head,
					redoes: entry.commandId
				},
				this.context()
			);
			const { undoneAt: _, ...undone } = entry;
			this.#redo.update((entries) => entries.slice(0, -1));
			this.#undo.update((entries) => [...entries, { ...undone, after: event.version }]);
			return { entry: undone, event };
		});
	}

	clear(): void {
		this.#undo.set([]);
		this.#redo.set([]);
	}

	#persist({ storage, key }: UndoPersistence): void {
		try {
			const saved = JSON.parse(storage.getItem(key) ?? 'null') as {
				undo?: UndoEntry[];
				redo?: RedoEntry[];
			} | null;
			if (Array.isArray(saved?.undo)) this.#undo.set(saved.undo);
			if (Array.isArray(saved?.redo)) this.#redo.set(saved.redo);
		} catch {
			// A damaged saved stack only costs the undo history, never data: start empty.
		}
		let undo: UndoEntry[] = [];
		let redo: RedoEntry[] = [];
		const save = () => storage.setItem(key, JSON.stringify({ undo, redo }));
		this.#undo.subscribe((entries) => ((undo = entries), save()));
		this.#redo.subscribe((entries) => ((redo = entries), save()));
	}

	/**
	 * The top entry whose change is still in the log. An entry whose events were discarded
	 * since (the stream is now shorter than it) has nothing left to undo: it is dropped, so it
	 * never blocks the entries below it.
	 */
	async #nextLive<T extends UndoEntry>(
		stack: Writable<T[]>,
		versionOf: (entry: T) => number
	): Promise<T | undefined> {
		for (;;) {
			const entry = peek(stack);
			if (!entry) return undefined;
			if ((await this.store.streamVersion(entry.streamId)) >= versionOf(entry)) return entry;
			stack.update((entries) => entries.slice(0, -1));
		}
	}

	/** The stream's head, after checking nobody else wrote to it after `since`. */
	async #checkUntouched(streamId: string, since: number, options: UndoOptions): Promise<number> {
		const later = await this.store.readStream(streamId, { fromVersion: since + 1 });
		const { userId } = this.context();
		const foreign = later.findLast((event) => event.metadata.userId !== userId);
		if (foreign && !options.force) {
			throw new UndoConflictError(
				streamId,
				foreign.metadata.userId,
				foreign.recordedAt ?? foreign.metadata.occurredAt
			);
		}
		return later.at(-1)?.version ?? since;
	}

	#serial<T>(work: () => Promise<T>): Promise<T> {
		// Two quick Ctrl+Z presses must undo two commands, not race to undo the same one.
		const run = this.#busy.then(work, work);
		this.#busy = run.catch(() => undefined);
		return run;
	}
}

function peek<T>(store: Readable<T[]>): T | undefined {
	let value: T[] = [];
	store.subscribe((current) => (value = current))();
	return value.at(-1);
}
