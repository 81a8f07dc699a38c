import type { AggregateRepository, CommandResult, DomainCommand, DomainEvent } from '../aggregates';
import { isUndoConflictError } from '../undo';
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
	return app.undo.perform(label, () =>
		repository.execute(streamId, command, {
			...app.identity(),
			...(options.commandId ? { commandId: options.commandId } : {})
		})
	);
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

/**
 * Time travel's "restore to here": the record returns to how it was at `version`. Refused,
 * with the reason shown, when that is before the record's seal (a submitted order).
 */
export async function restoreTo(
	streamId: string,
	version: number,
	label: string,
	options: PerformOptions = {}
): Promise<void> {
	const app = rewindApp();
	try {
		await app.undo.restore(streamId, version, label, options);
	} catch (error) {
		showToast({ tone: 'error', message: describeError(error) });
		return;
	}
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
