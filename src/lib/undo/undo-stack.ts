import { derived, writable, type Readable } from 'svelte/store';
import type { CommandContextInput, RecordedChange } from '../aggregates';
import type { StoredEvent } from '../events';
import type { EventStore } from '../eventstore';
import type { Sealed } from './rewind';
import type { KnownCommands, RewindParts } from './rewind-top';
import { ChangeNotLatestError } from './change-not-latest-error';

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

export interface RedoEntry extends UndoEntry {
	/** The command of the `$Rewound` that undid it. */
	undoCommandId: string;
}

export interface UndoOptions {
	/** Undo even though someone else changed the record since: their change is reverted too. */
	force?: boolean;
	/**
	 * The id made when the person started the action (a button armed): running it again is the
	 * same undo, redo or restore, not a second one.
	 */
	commandId?: string;
	/**
	 * The command id of the change the person means (the one a toast offers to undo or redo):
	 * when another change lies on top of it, nothing is done (`ChangeNotLatestError`).
	 */
	change?: string;
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
 * Undo's and redo's code (finding the change, the rewind's decider, the seals) comes with the
 * first change there is to undo, not with the first page: it is fetched as a command is
 * remembered, so Ctrl+Z finds it here.
 */
const loadRewind = () => import('./rewind-top');

/** How many command ids a stack keeps to tell its own changes from others' (`UndoLists.made`). */
const MADE_KEPT = 2_000;

/** Loads undo's and redo's code now, for an app that would have it before the first change. */
export const loadUndoCode = (): Promise<void> => loadRewind().then(() => undefined);

/**
 * This user's commands on this device, across records, for Ctrl+Z and Ctrl+Shift+Z. Undo and
 * redo append `$Rewound` events; they never delete anything.
 */
export class UndoStack {
	readonly #undo = writable<UndoEntry[]>([]);
	readonly #redo = writable<RedoEntry[]>([]);
	/** Every command id this stack made, newest last (see `UndoLists.made`). */
	#made = new Set<string>();
	readonly #known: KnownCommands = {
		has: (commandId) => this.#made.has(commandId),
		add: (commandId) => this.#remember(commandId)
	};
	readonly #lists = { undo: this.#undo, redo: this.#redo, made: this.#known };
	#saveMade: () => void = () => undefined;
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
		// Offline and not cached, the undo itself asks again (and says what failed).
		loadRewind().catch(() => undefined);
		this.#remember(entry.commandId);
		this.#undo.update((entries) => [...entries, entry]);
		this.#redo.set([]);
	}

	/** Undoes the latest command; resolves to undefined when there is nothing to undo. */
	undo(options: UndoOptions = {}): Promise<UndoOutcome | undefined> {
		return this.#serial(async () => {
			assertLatest(peekAll(this.#undo), options.change);
			const { undoLatest } = await loadRewind();
			return undoLatest(this.#rewindParts(options), this.#lists, options.commandId);
		});
	}

	/** Redoes the latest undone command: the record returns to the state its undo left behind. */
	redo(options: UndoOptions = {}): Promise<UndoOutcome | undefined> {
		return this.#serial(async () => {
			assertLatest(peekAll(this.#redo), options.change);
			const { redoLatest } = await loadRewind();
			return redoLatest(this.#rewindParts(options), this.#lists, options.commandId);
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
			const { rewind } = await loadRewind();
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

	/**
	 * An undo of this stack's that the person discarded from the conflict inbox never happened:
	 * its change is in effect, and can be undone again. Any other command id changes nothing (a
	 * discarded redo leaves its change undone, where the redo list already has it).
	 */
	discarded(commandId: string): void {
		const undone = peekAll(this.#redo).find((entry) => entry.undoCommandId === commandId);
		if (!undone) return;
		const { undoCommandId: _gone, ...entry } = undone;
		this.#redo.update((entries) => entries.filter((other) => other !== undone));
		this.#undo.update((entries) => [...entries, entry]);
	}

	clear(): void {
		this.#undo.set([]);
		this.#redo.set([]);
		this.#made = new Set();
		this.#saveMade();
	}

	#remember(commandId: string): void {
		this.#made.delete(commandId);
		this.#made.add(commandId);
		// The oldest go first: forgetting one can only make an undo ask ("restore anyway").
		for (const oldest of this.#made) {
			if (this.#made.size <= MADE_KEPT) break;
			this.#made.delete(oldest);
		}
		this.#saveMade();
	}

	#persist({ storage, key }: UndoPersistence): void {
		try {
			const saved = JSON.parse(storage.getItem(key) ?? 'null') as {
				undo?: UndoEntry[];
				redo?: RedoEntry[];
				made?: string[];
			} | null;
			if (Array.isArray(saved?.undo)) this.#undo.set(saved.undo);
			if (Array.isArray(saved?.redo)) this.#redo.set(saved.redo);
			if (Array.isArray(saved?.made)) this.#made = new Set(saved.made);
			// A stack saved before it kept `made` still knows the commands its entries name.
			for (const entry of [...(saved?.undo ?? []), ...(saved?.redo ?? [])]) {
				for (const id of [entry.commandId, entry.redoCommandId, (entry as RedoEntry).undoCommandId])
					if (typeof id === 'string') this.#made.add(id);
			}
		} catch {
			// A damaged saved stack only costs the undo history, never data: start empty.
		}
		let undo: UndoEntry[] = [];
		let redo: RedoEntry[] = [];
		const save = () => storage.setItem(key, JSON.stringify({ undo, redo, made: [...this.#made] }));
		this.#saveMade = save;
		this.#undo.subscribe((entries) => ((undo = entries), save()));
		this.#redo.subscribe((entries) => ((redo = entries), save()));
	}

	#rewindParts(options: UndoOptions): RewindParts {
		return {
			store: this.store,
			aggregates: this.aggregates,
			userId: this.context().userId,
			context: this.#contextFor(options),
			force: options.force ?? false
		};
	}

	#contextFor(
		options: Pick<UndoOptions, 'commandId'>
	): CommandContextInput & { commandId: string } {
		const context = this.context();
		return { ...context, commandId: options.commandId ?? context.commandId ?? crypto.randomUUID() };
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

/** Throws unless the change meant, if one is, is the top of `entries`. */
function assertLatest(entries: readonly UndoEntry[], change: string | undefined): void {
	const top = entries.at(-1);
	if (change === undefined || top?.commandId === change) return;
	const meant = entries.find((entry) => entry.commandId === change);
	throw new ChangeNotLatestError(meant?.label, top?.label);
}

function peekAll<T>(store: Readable<T[]>): T[] {
	let value: T[] = [];
	store.subscribe((current) => (value = current))();
	return value;
}
