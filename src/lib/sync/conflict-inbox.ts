import type { Conflict, EventStore } from '../eventstore';
import type { CommandRebaser } from './command-rebaser';

export type RetryOutcome = { applied: true } | { applied: false; reason: string };

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
	rebaser: CommandRebaser
): Promise<RetryOutcome> {
	// A retry writes new pending work: on a read-only device it could never be pushed.
	if (store.readOnly) {
		return { applied: false, reason: 'You can view this workspace but not change it.' };
	}
	const outcome = await store.sync.retryConflict(commandId, (command, events) =>
		rebaser.redecide(command, events)
	);
	return outcome ?? { applied: false, reason: 'This change is no longer in the inbox.' };
}

/** The user chose to let this change go. Only they can make that choice; sync never does. */
export function discardConflict(store: EventStore, commandId: string): Promise<void> {
	return store.sync.discardConflict(commandId);
}
