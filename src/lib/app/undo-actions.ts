import { get } from 'svelte/store';
import {
	describeRecord,
	recordInSentence,
	recordKindOf,
	type AccountState,
	type CustomerState,
	type OrderState
} from '../domain';
import { isUndoConflictError, UndoConflictError, type UndoEntry } from '../undo';
import { customerApp } from './customer-app';
import type { PerformOptions } from './actions';
import { describeError } from './describe-error';
import { formatRelative } from './format-time';
import { userName } from './identity';
import { rewindApp } from './rewind-app';
import { showToast } from './toasts';

/**
 * Ctrl+Z: undoes this person's latest change, or says why it would not be safe. With `change`
 * (a toast's Undo), only that change, and only while it is still the latest.
 */
export async function undoLast(force = false, change?: string): Promise<void> {
	const app = rewindApp();
	try {
		const outcome = await app.undo.undo({ force, change });
		if (!outcome) return showNothing('undo');
		const { entry } = outcome;
		showToast({
			tone: 'info',
			message: `${await done('Undone', entry)}: ${entry.label}`,
			action: { label: 'Redo', run: () => redoLast(false, entry.commandId) }
		});
	} catch (error) {
		refused(error, () => undoLast(true, change));
	}
}

/** Ctrl+Shift+Z: puts back what the latest undo took away (with `change`, only that one). */
export async function redoLast(force = false, change?: string): Promise<void> {
	const app = rewindApp();
	try {
		const outcome = await app.undo.redo({ force, change });
		if (!outcome) return showNothing('redo');
		const { entry } = outcome;
		showToast({
			tone: 'info',
			message: `${await done('Redone', entry)}: ${entry.label}`,
			action: { label: 'Undo', run: () => undoLast(false, entry.commandId) }
		});
	} catch (error) {
		refused(error, () => redoLast(true, change));
	}
}

/**
 * "Undone", and on which record when it is not the page being looked at: undo takes this tab's
 * latest change, which may be on another record ("Undone on the account of Lee").
 */
async function done(
	what: 'Undone' | 'Redone' | 'Restored',
	{ streamId }: UndoEntry
): Promise<string> {
	const state = await stateOf(streamId);
	const record = describeRecord(streamId, state, navigator.language);
	if (record.href === location.pathname) return what;
	return what === 'Restored'
		? `Restored ${recordInSentence(record)}`
		: `${what} on ${recordInSentence(record)}`;
}

async function stateOf(
	streamId: string
): Promise<OrderState | AccountState | CustomerState | undefined> {
	const app = rewindApp();
	switch (recordKindOf(streamId)) {
		case 'order':
			return (await app.orders.load(streamId)).state;
		case 'account':
			return (await app.accounts.load(streamId)).state;
		case 'customer':
			return (await customerApp().customers.load(streamId)).state;
		default:
			return undefined;
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
	let restored: UndoEntry;
	try {
		({ entry: restored } = await app.undo.restore(streamId, version, label, options));
	} catch (error) {
		showToast({ tone: 'error', message: describeError(error) });
		return;
	}
	showToast({
		tone: 'success',
		message: `${await done('Restored', restored)} to version ${version}.`,
		action: { label: 'Undo', run: () => undoLast(false, restored.commandId) }
	});
}

function refused(error: unknown, anyway: () => Promise<void>): void {
	if (isUndoConflictError(error)) {
		const app = rewindApp();
		const who = userName(error.changedBy, app.identity().userId, get(app.sync.members));
		const when = formatRelative(error.changedAt, Date.now(), navigator.language);
		showToast({
			tone: 'error',
			message: error.origin
				? `${UndoConflictError.ownChangeWords(error.origin)} Undoing would undo that change too.`
				: `${who} changed this record ${when}, after you. Undoing would undo their change too.`,
			action: { label: 'Restore anyway', run: anyway }
		});
		return;
	}
	showToast({ tone: 'error', message: describeError(error) });
}

function showNothing(what: 'undo' | 'redo'): void {
	showToast({ tone: 'info', message: what === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.' });
}
