import type { AggregateRepository, CommandResult, DomainCommand, DomainEvent } from '../aggregates';
import { isUndoConflictError, rewind } from '../undo';
import { get } from 'svelte/store';
import { describeError } from './describe-error';
import { formatRelative } from './format-time';
import { userName } from './identity';
import { rewindApp } from './rewind-app';
import { showToast } from './toasts';

export interface PerformOptions {
	/**
	 * The id made when the person started the action (a form shown, a button armed): running
	 * the same id again is the same change, so a double-click or double Enter happens once.
	 */
	commandId?: string;
}

// The commandIds already on this tab's undo stack: a repeat returns the first result, and is
// one change to undo, not two.
const recorded = new Set<string>();

/**
 * Runs a command for the person at the screen and remembers it for Ctrl+Z. Throws the typed
 * error for the form to show; nothing is written when it does.
 */
export async function perform<State, Command extends DomainCommand, Event extends DomainEvent>(
	repository: AggregateRepository<State, Command, Event>,
	streamId: string,
	command: unknown,
	label: string,
	options: PerformOptions = {}
): Promise<CommandResult<State>> {
	const app = rewindApp();
	const result = await repository.execute(streamId, command, {
		...app.identity(),
		...(options.commandId ? { commandId: options.commandId } : {})
	});
	if (recorded.has(result.commandId)) return result;
	recorded.add(result.commandId);
	app.undo.record({
		streamId,
		commandId: result.commandId,
		label,
		before: result.version - result.events.length,
		after: result.version
	});
	return result;
}

/** Ctrl+Z: undoes this person's latest change, or says why it would not be safe. */
export async function undoLast(force = false): Promise<void> {
	const app = rewindApp();
	try {
		const outcome = await app.undo.undo({ force });
		if (!outcome) return showNothing('undo');
		showToast({
			tone: 'info',
			message: `Undone: ${outcome.entry.label}`,
			action: { label: 'Redo', run: () => redoLast() }
		});
	} catch (error) {
		refused(error, () => undoLast(true));
	}
}

/** Ctrl+Shift+Z: puts back what the latest undo took away. */
export async function redoLast(force = false): Promise<void> {
	const app = rewindApp();
	try {
		const outcome = await app.undo.redo({ force });
		if (!outcome) return showNothing('redo');
		showToast({
			tone: 'info',
			message: `Redone: ${outcome.entry.label}`,
			action: { label: 'Undo', run: () => undoLast() }
		});
	} catch (error) {
		refused(error, () => redoLast(true));
	}
}

/** Time travel's "restore to here": the record returns to how it was at `version`. */
export async function restoreTo(streamId: string, version: number, label: string): Promise<void> {
	const app = rewindApp();
	const head = await app.store.streamVersion(streamId);
	const event = await rewind(
		app.store,
		{ streamId, toVersion: version, expectedVersion: head },
		app.identity()
	);
	app.undo.record({
		streamId,
		commandId: event.metadata.commandId,
		label,
		before: head,
		after: event.version
	});
	showToast({
		tone: 'success',
		message: `Restored to version ${version}.`,
		action: { label: 'Undo', run: () => undoLast() }
	});
}

function refused(error: unknown, anyway: () => Promise<void>): void {
	if (isUndoConflictError(error)) {
		const app = rewindApp();
		const who = userName(error.changedBy, app.identity().userId, get(app.sync.members));
		const when = formatRelative(error.changedAt, Date.now(), navigator.language);
		showToast({
			tone: 'error',
			message: `${who} changed this record ${when}, after you. Undoing would undo their change too.`,
			action: { label: 'Restore anyway', run: anyway }
		});
		return;
	}
	showToast({ tone: 'error', message: describeError(error) });
}

function showNothing(what: 'undo' | 'redo'): void {
	showToast({ tone: 'info', message: what === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.' });
}
