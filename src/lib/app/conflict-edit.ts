import { goto } from '$app/navigation';
import { rewindApp } from '$lib/app/rewind-app';
import { showToast } from '$lib/app/toasts';
import type { Conflict } from '$lib/eventstore';

/** The address of a record page with an inbox entry's change filled into its form. */
export function editHref(conflict: Conflict, recordHref: string): string {
	return `${recordHref}?edit=${encodeURIComponent(conflict.commandId)}`;
}

/** The inbox entry `?edit=` names, if it is still in the inbox and belongs to this record. */
export async function conflictToEdit(
	commandId: string | null,
	streamId: string
): Promise<Conflict | undefined> {
	if (!commandId) return undefined;
	const conflicts = await rewindApp().sync.conflicts();
	return conflicts.find(
		(conflict) => conflict.commandId === commandId && conflict.streamId === streamId
	);
}

/**
 * The edited change was saved as a new command: the inbox entry it replaces goes, and the
 * page leaves edit mode. Only called after the new command succeeded, so nothing is lost.
 */
export async function replacedByEdit(commandId: string): Promise<void> {
	await rewindApp().sync.discard(commandId);
	showToast({ tone: 'success', message: 'Saved. It replaces the change from the review list.' });
	await leaveEdit();
}

/** Drops `?edit=` from the address, keeping the person where they are on the page. */
export function leaveEdit(): Promise<void> {
	const url = new URL(location.href);
	url.searchParams.delete('edit');
	return goto(url, { replaceState: true, noScroll: true, keepFocus: true });
}

/** The person let the change go from the record page: same as Discard in the review list. */
export async function discardEdited(commandId: string): Promise<void> {
	await rewindApp().sync.discard(commandId);
	showToast({ tone: 'info', message: 'Discarded. The change is gone for good.' });
	await leaveEdit();
}
