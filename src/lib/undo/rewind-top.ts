import { get, type Readable, type Writable } from 'svelte/store';
import type { CommandContextInput } from '../aggregates';
import { isSealedHistoryError } from '../errors';
import type { ReadEvent, StoredEvent } from '../events';
import type { EventStore } from '../eventstore';
import { aggregateOf, rewindNow, type RewindRequest, type Sealed } from './rewind';
import { assertUnsealed } from './seal';
import { UndoConflictError } from './undo-conflict-error';
import type { RedoEntry, UndoEntry, UndoOutcome } from './undo-stack';

export { rewind } from './rewind';

/** What an undo or redo works with: the undo stack's log, aggregates and person. */
export interface RewindParts {
	store: EventStore;
	aggregates: readonly Sealed[];
	/** Who undoes: a change of anyone else's since stops the undo unless `force`. */
	userId: string;
	context: CommandContextInput & { commandId: string };
	force: boolean;
}

/** The undo stack's two lists, as undo and redo move entries between them. */
export interface UndoLists {
	undo: Writable<UndoEntry[]>;
	redo: Writable<RedoEntry[]>;
	/**
	 * Every command this stack ran or remembered (changes, undos, redos, restores), including
	 * those no list holds any more (a redo list a new command cleared): a later change on a
	 * record that is not among them was made elsewhere, and an undo would revert it unnamed.
	 */
	made: KnownCommands;
}

/** The command ids an undo stack has made, as `UndoStack` keeps them. */
export interface KnownCommands {
	has(commandId: string): boolean;
	add(commandId: string): void;
}

/**
 * Undoes the latest change on `lists.undo` and moves it to `lists.redo`; the same armed
 * `commandId` run again returns the first run's outcome. What `UndoStack.undo` runs.
 */
export async function undoLatest(
	parts: RewindParts,
	lists: UndoLists,
	commandId: string | undefined
): Promise<UndoOutcome | undefined> {
	const done = await alreadyRun(parts.store, commandId, lists.redo, 'undoCommandId');
	if (done) return done === 'moved on' ? undefined : done;
	const found = await rewindTop(
		parts,
		lists,
		lists.undo,
		(entry, events) => {
			const own = events.filter((event) => event.metadata.commandId === entry.commandId);
			const endId = entry.redoCommandId ?? entry.commandId;
			const end = events.findLast((event) => event.metadata.commandId === endId);
			return own[0] && end ? { before: own[0].version - 1, end: end.version } : undefined;
		},
		(entry) => ({ undoes: entry.commandId })
	);
	if (!found) return undefined;
	const { entry, event } = found;
	const undoCommandId = event.metadata.commandId;
	lists.made.add(undoCommandId);
	lists.undo.update((entries) => entries.slice(0, -1));
	lists.redo.update((entries) => [...entries, { ...entry, undoCommandId }]);
	return { entry, event };
}

/** Redoes the latest undone change: the record returns to the state its undo left behind. */
export async function redoLatest(
	parts: RewindParts,
	lists: UndoLists,
	commandId: string | undefined
): Promise<UndoOutcome | undefined> {
	const done = await alreadyRun(parts.store, commandId, lists.undo, 'redoCommandId');
	if (done) return done === 'moved on' ? undefined : done;
	const found = await rewindTop(
		parts,
		lists,
		lists.redo,
		(entry, events) => {
			const undo = events.find((event) => event.metadata.commandId === entry.undoCommandId);
			return undo ? { before: undo.version - 1, end: undo.version } : undefined;
		},
		(entry) => ({ redoes: entry.commandId })
	);
	if (!found) return undefined;
	const { entry, event } = found;
	const { undoCommandId: _, ...undone } = entry;
	const redone = { ...undone, redoCommandId: event.metadata.commandId };
	lists.made.add(redone.redoCommandId);
	lists.redo.update((entries) => entries.slice(0, -1));
	lists.undo.update((entries) => [...entries, redone]);
	return { entry: redone, event };
}

/**
 * Where an entry's change sits in the stream now. Versions are found by command identity, not
 * remembered: a sync rebase can move pending events to later versions.
 */
export interface Located {
	/** The version the change started from, and the one that ends it (its events or its redo). */
	before: number;
	end: number;
}

/**
 * Rewinds the change of the top entry of `stack` whose change is still in the log, in the
 * stream's turn of the queue, so a command clicked just before lands first and is checked like
 * any other. An entry whose events are gone (discarded, or sent to the conflict inbox by a
 * sync) has nothing left to undo: it is dropped, so it never blocks the entries below it.
 * The undo stack loads this with its first undo or redo (`undo-stack.ts`).
 */
export async function rewindTop<T extends UndoEntry>(
	parts: RewindParts,
	lists: UndoLists,
	stack: Writable<T[]>,
	locate: (entry: T, events: ReadEvent[]) => Located | undefined,
	mark: (entry: T) => Pick<RewindRequest, 'undoes' | 'redoes'>
): Promise<{ entry: T; event: StoredEvent } | undefined> {
	const { store, aggregates, context } = parts;
	for (;;) {
		const entry = get(stack).at(-1);
		if (!entry) return undefined;
		const { streamId } = entry;
		const sealing = aggregateOf(aggregates, streamId);
		let event: StoredEvent | undefined;
		try {
			event = await store.queue.run(
				streamId,
				async () => {
					const events = await store.readStream(streamId);
					const located = locate(entry, events);
					if (!located) return undefined;
					// A seal refuses for good, whoever wrote after it: said before any conflict,
					// which "restore anyway" could only run into.
					assertUnsealed(sealing, streamId, events, located.before);
					const head = checkUntouched(parts, lists.made, streamId, events, located.end);
					const request = { streamId, toVersion: located.before, expectedVersion: head };
					const aim = { ...request, ...mark(entry) };
					return rewindNow(store, sealing, aim, context, events);
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

/**
 * The stream's head, after checking that nothing this stack does not know of changed it after
 * `since`: someone else's change, or this person's own from another tab or device (each tab
 * keeps its own stack), would be reverted with the undo without being named.
 */
function checkUntouched(
	{ userId, force, context }: RewindParts,
	known: KnownCommands,
	streamId: string,
	events: readonly ReadEvent[],
	since: number
): number {
	const later = events.filter((event) => event.version > since);
	// Someone else's change is named first: it is the one the person cannot know of.
	const unknown =
		later.findLast((event) => event.metadata.userId !== userId) ??
		later.findLast((event) => !known.has(event.metadata.commandId));
	if (unknown && !force) {
		const { metadata } = unknown;
		throw new UndoConflictError(
			streamId,
			unknown.recordedBy ?? metadata.userId,
			unknown.recordedAt ?? metadata.occurredAt,
			metadata.userId !== userId
				? undefined
				: metadata.causationId !== undefined
					? 'reaction'
					: metadata.deviceId === context.deviceId
						? 'other-tab'
						: 'other-device'
		);
	}
	return events.at(-1)?.version ?? 0;
}

/**
 * The outcome of an undo or redo whose armed command id already ran, if it did; 'moved on'
 * when it ran and its change has since moved on (nothing to do).
 */
export async function alreadyRun<T extends UndoEntry>(
	store: EventStore,
	commandId: string | undefined,
	stack: Readable<T[]>,
	key: 'undoCommandId' | 'redoCommandId'
): Promise<UndoOutcome | 'moved on' | undefined> {
	if (commandId === undefined) return undefined;
	const [event] = await store.eventsOfCommand(commandId);
	if (!event) return undefined;
	const entry = get(stack).findLast(
		(candidate) => (candidate as Partial<RedoEntry>)[key] === commandId
	);
	// Done, and since moved on (redone, or undone again): running it again must not rewind
	// whatever is on top of the stack now.
	if (!entry) return 'moved on';
	// The entry as the first run returned it: an undo's, without the redo stack's bookkeeping.
	const { undoCommandId: _, ...returned } = entry as Partial<RedoEntry> & UndoEntry;
	return { entry: key === 'undoCommandId' ? returned : entry, event };
}
