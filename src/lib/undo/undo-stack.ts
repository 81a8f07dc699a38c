import { derived, writable, type Readable, type Writable } from 'svelte/store';
import type { CommandContextInput, RecordedChange } from '../aggregates';
import { isSealedHistoryError } from '../errors';
import type { ReadEvent, StoredEvent } from '../events';
import type { EventStore } from '../eventstore';
import { aggregateOf, rewind, rewindNow, type RewindRequest, type Sealed } from './rewind';
import { UndoConflictError } from './undo-conflict-error';

/** A command of this user on this device, as the undo stack remembers it. */
export interface UndoEntry {
	streamId: string;
	commandId: string;
	/** What the app calls it, for "Undone: …" messages. */
	label: string;
	/** The stream's version before the command, when it ran. */
	before: number;
	/** The stream's version after the command, when it ran. */
	after: number;
	/** After a redo: the redo's own command, whose event now ends this change. */
	redoCommandId?: string;
}

interface RedoEntry extends UndoEntry {
	/** The command of the `$Rewound` that undid it. */
	undoCommandId: string;
}

/**
 * Where an entry's change sits in the stream now. Versions are found by command identity, not
 * remembered: a sync rebase can move pending events to later versions.
 */
interface Located {
	/** The version the change started from, and the one that ends it (its events or its redo). */
	before: number;
	end: number;
}

export interface UndoOptions {
	/** Undo even though someone else changed the record since: their change is reverted too. */
	force?: boolean;
	/**
	 * The id made when the person started the action (a button armed): running it again is the
	 * same undo, redo or restore, not a second one.
	 */
	commandId?: string;
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

/** An undo or redo that already ran and whose change has since moved on: nothing to do. */
const MOVED_ON = Symbol('moved on');

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
	readonly #inFlight = new Set<Promise<void>>();

	constructor(
		private readonly store: EventStore,
		/** The app's aggregates: which events seal each kind of record. */
		private readonly aggregates: readonly Sealed[],
		private readonly context: () => CommandContextInput,
		persistence?: UndoPersistence
	) {
		if (persistence) this.#persist(persistence);
	}

	/**
	 * Runs a command of this person's and remembers the change it reports once it has run. An
	 * undo asked for meanwhile (Ctrl+Z right after a click) waits for it, and so undoes that
	 * click, not the change before it together with the click.
	 */
	perform<Result extends { change: RecordedChange }>(
		label: string,
		run: () => Promise<Result>
	): Promise<Result> {
		const running = run().then((result) => {
			this.record({ ...result.change, label });
			return result;
		});
		const settled = running.then(
			() => undefined,
			() => undefined
		);
		this.#inFlight.add(settled);
		void settled.then(() => this.#inFlight.delete(settled));
		return running;
	}

	/** Remembers a command that changed a record; a new command ends what could be redone. */
	record(entry: UndoEntry): void {
		if (entry.after <= entry.before) return;
		// The same command run again (a double-click) is the same change: one entry, wherever it is
		// now (an undone one stays undone, and what could be redone stays so).
		const known = (candidate: UndoEntry) => candidate.commandId === entry.commandId;
		if (peekAll(this.#undo).some(known) || peekAll(this.#redo).some(known)) return;
		this.#undo.update((entries) => [...entries, entry]);
		this.#redo.set([]);
	}

	/** Undoes the latest command; resolves to undefined when there is nothing to undo. */
	undo(options: UndoOptions = {}): Promise<UndoOutcome | undefined> {
		return this.#serial(async () => {
			const done = await this.#alreadyRun(options.commandId, this.#redo, 'undoCommandId');
			if (done) return done === MOVED_ON ? undefined : done;
			const found = await this.#rewindTop(
				this.#undo,
				(entry, events) => {
					const own = events.filter((event) => event.metadata.commandId === entry.commandId);
					const endId = entry.redoCommandId ?? entry.commandId;
					const end = events.findLast((event) => event.metadata.commandId === endId);
					return own[0] && end ? { before: own[0].version - 1, end: end.version } : undefined;
				},
				(entry) => ({ undoes: entry.commandId }),
				options
			);
			if (!found) return undefined;
			const { entry, event } = found;
			const undoCommandId = event.metadata.commandId;
			this.#undo.update((entries) => entries.slice(0, -1));
			this.#redo.update((entries) => [...entries, { ...entry, undoCommandId }]);
			return { entry, event };
		});
	}

	/** Redoes the latest undone command: the record returns to the state its undo left behind. */
	redo(options: UndoOptions = {}): Promise<UndoOutcome | undefined> {
		return this.#serial(async () => {
			const done = await this.#alreadyRun(options.commandId, this.#undo, 'redoCommandId');
			if (done) return done === MOVED_ON ? undefined : done;
			const found = await this.#rewindTop(
				this.#redo,
				(entry, events) => {
					const undo = events.find((event) => event.metadata.commandId === entry.undoCommandId);
					return undo ? { before: undo.version - 1, end: undo.version } : undefined;
				},
				(entry) => ({ redoes: entry.commandId }),
				options
			);
			if (!found) return undefined;
			const { entry, event } = found;
			const { undoCommandId: _, ...undone } = entry;
			const redone = { ...undone, redoCommandId: event.metadata.commandId };
			this.#redo.update((entries) => entries.slice(0, -1));
			this.#undo.update((entries) => [...entries, redone]);
			return { entry: redone, event };
		});
	}

	/**
	 * Time travel's "restore to here": the record returns to how it was at `toVersion`, decided
	 * on the record as it is once the commands queued before it have run, and Ctrl+Z undoes it.
	 */
	restore(
		streamId: string,
		toVersion: number,
		label: string,
		options: Pick<UndoOptions, 'commandId'> = {}
	): Promise<UndoOutcome> {
		return this.#serial(async () => {
			const context = this.#contextFor(options);
			const event = await rewind(this.store, this.aggregates, { streamId, toVersion }, context);
			const entry = {
				streamId,
				commandId: event.metadata.commandId,
				label,
				before: event.version - 1,
				after: event.version
			};
			this.record(entry);
			return { entry, event };
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
	 * Rewinds the change of the top entry whose change is still in the log, in the stream's turn
	 * of the queue, so a command clicked just before lands first and is checked like any other.
	 * An entry whose events are gone (discarded, or sent to the conflict inbox by a sync) has
	 * nothing left to undo: it is dropped, so it never blocks the entries below it.
	 */
	async #rewindTop<T extends UndoEntry>(
		stack: Writable<T[]>,
		locate: (entry: T, events: ReadEvent[]) => Located | undefined,
		mark: (entry: T) => Pick<RewindRequest, 'undoes' | 'redoes'>,
		options: UndoOptions
	): Promise<{ entry: T; event: StoredEvent } | undefined> {
		const context = this.#contextFor(options);
		for (;;) {
			const entry = peek(stack);
			if (!entry) return undefined;
			const { streamId } = entry;
			const sealing = aggregateOf(this.aggregates, streamId);
			let event: StoredEvent | undefined;
			try {
				event = await this.store.queue.run(
					streamId,
					async () => {
						const events = await this.store.readStream(streamId);
						const located = locate(entry, events);
						if (!located) return undefined;
						const head = this.#checkUntouched(streamId, events, located.end, options);
						const request = { streamId, toVersion: located.before, expectedVersion: head };
						const aim = { ...request, ...mark(entry) };
						return rewindNow(this.store, sealing, aim, context, events);
					},
					context.commandId
				);
			} catch (error) {
				// A seal is for good (no rewind crosses it): the entry can never be undone, so it
				// goes, and the next Ctrl+Z reaches the one below it. The error says why.
				if (isSealedHistoryError(error)) stack.update((entries) => entries.slice(0, -1));
				throw error;
			}
			if (event) return { entry, event };
			stack.update((entries) => entries.slice(0, -1));
		}
	}

	/** The outcome of an undo or redo whose armed command id already ran, if it did. */
	async #alreadyRun<T extends UndoEntry>(
		commandId: string | undefined,
		stack: Readable<T[]>,
		key: 'undoCommandId' | 'redoCommandId'
	): Promise<UndoOutcome | typeof MOVED_ON | undefined> {
		if (commandId === undefined) return undefined;
		const [event] = await this.store.eventsOfCommand(commandId);
		if (!event) return undefined;
		const entry = peekAll(stack).findLast(
			(candidate) => (candidate as Partial<RedoEntry>)[key] === commandId
		);
		// Done, and since moved on (redone, or undone again): running it again must not rewind
		// whatever is on top of the stack now.
		if (!entry) return MOVED_ON;
		// The entry as the first run returned it: an undo's, without the redo stack's bookkeeping.
		const { undoCommandId: _, ...returned } = entry as Partial<RedoEntry> & UndoEntry;
		return { entry: key === 'undoCommandId' ? returned : entry, event };
	}

	#contextFor(
		options: Pick<UndoOptions, 'commandId'>
	): CommandContextInput & { commandId: string } {
		const context = this.context();
		return { ...context, commandId: options.commandId ?? context.commandId ?? crypto.randomUUID() };
	}

	/** The stream's head, after checking nobody else wrote to it after `since`. */
	#checkUntouched(
		streamId: string,
		events: readonly ReadEvent[],
		since: number,
		options: UndoOptions
	): number {
		const { userId } = this.context();
		const foreign = events.findLast(
			(event) => event.version > since && event.metadata.userId !== userId
		);
		if (foreign && !options.force) {
			throw new UndoConflictError(
				streamId,
				foreign.recordedBy ?? foreign.metadata.userId,
				foreign.recordedAt ?? foreign.metadata.occurredAt
			);
		}
		return events.at(-1)?.version ?? 0;
	}

	#serial<T>(work: () => Promise<T>): Promise<T> {
		// Two quick Ctrl+Z presses must undo two commands, not race to undo the same one; and
		// the commands already started go on the stack first.
		const settled = async () => {
			await Promise.all(this.#inFlight);
			return work();
		};
		const run = this.#busy.then(settled, settled);
		this.#busy = run.catch(() => undefined);
		return run;
	}
}

function peek<T>(store: Readable<T[]>): T | undefined {
	return peekAll(store).at(-1);
}

function peekAll<T>(store: Readable<T[]>): T[] {
	let value: T[] = [];
	store.subscribe((current) => (value = current))();
	return value;
}
