import type { Refusal } from './rebase';
import type { StoredCommand } from './stored-command';

/**
 * An entry of the conflict inbox: a command that no longer fits after others' changes arrived
 * (or that the server refused), kept with the reason until the user retries, edits or discards
 * it. Never dropped silently. Only the store writes the inbox (`store.sync`): a rebase or a
 * refusal puts commands in, in the same transaction that takes their events out of the log.
 * While a stream has an entry, its pending events wait: their order is the user's to decide.
 * A reaction's command is the exception: nobody ordered it among the others, so it holds
 * nothing back.
 */
export interface Conflict {
	commandId: string;
	streamId: string;
	command: StoredCommand;
	/** In words for the user: why it could not be applied. */
	reason: string;
	/**
	 * The refusal's kind, where its error had one (`undo_conflict`: an undo would revert others'
	 * later changes, which the person may choose to do anyway).
	 */
	code?: string;
	/** Whose change it collided with, and when, where known. */
	causedBy?: { userId: string; at: string };
	createdAt: string;
}

/**
 * The inbox entry for a command that a rebase refused, made at `createdAt`, with whose change
 * it met where that is known.
 */
export function conflictOf(
	streamId: string,
	{ command, reason, code }: { command: StoredCommand } & Refusal,
	createdAt: string,
	causedBy?: Conflict['causedBy']
): Conflict {
	return {
		commandId: command.commandId,
		streamId,
		command,
		reason,
		...(code ? { code } : {}),
		...(causedBy ? { causedBy } : {}),
		createdAt
	};
}
