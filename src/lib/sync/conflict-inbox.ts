import type { Conflict, EventStore, StoredCommand } from '../eventstore';
import type { CommandRebaser } from './command-rebaser';

export type RetryOutcome = { applied: true } | { applied: false; reason: string };

export interface RetryOptions {
	/** Changes the entry's command first, as the person chose (the undo layer's `forceRewind`). */
	amend?: (command: StoredCommand) => StoredCommand;
}

/** What is waiting in the conflict inbox, oldest first. */
export function listConflicts(store: EventStore): Promise<Conflict[]> {
	return store.sync.conflicts();
}

/**
 * Runs an inbox entry's command again on the record as it is now. If it fits, its events join
 * the pending ones and the entry leaves the inbox, in one transaction; if not, the entry stays
 * with the new reason.
 */
export async function retryConflict(
	store: EventStore,
	commandId: string,
	rebaser: CommandRebaser,
	{ amend }: RetryOptions = {}
): Promise<RetryOutcome> {
	// A retry writes new pending work: on a read-only device it could never be pushed.
	if (store.readOnly) {
		return { applied: false, reason: 'You can view this workspace but not change it.' };
	}
	await rebaser.prepare?.();
	const outcome = await store.sync.retryConflict(
		commandId,
		(command, events) => rebaser.redecide(command, events),
		amend
	);
	return outcome ?? { applied: false, reason: 'This change is no longer in the inbox.' };
}

/** The user chose to let this change go. Only they can make that choice; sync never does. */
export function discardConflict(store: EventStore, commandId: string): Promise<void> {
	return store.sync.discardConflict(commandId);
}

/**
 * The inbox as the sync client offers it: the functions above on one log, where a retry that
 * fits is new pending work and so plans a push (`retried`).
 */
export class ConflictInbox {
	readonly #store: EventStore;
	readonly #rebaser: CommandRebaser;
	readonly #retried: () => void;

	constructor(store: EventStore, rebaser: CommandRebaser, retried: () => void) {
		this.#store = store;
		this.#rebaser = rebaser;
		this.#retried = retried;
	}

	list(): Promise<Conflict[]> {
		return listConflicts(this.#store);
	}

	async retry(commandId: string, options?: RetryOptions): Promise<RetryOutcome> {
		const outcome = await retryConflict(this.#store, commandId, this.#rebaser, options);
		if (outcome.applied) this.#retried();
		return outcome;
	}

	discard(commandId: string): Promise<void> {
		return discardConflict(this.#store, commandId);
	}
}
