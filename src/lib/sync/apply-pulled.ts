import type { Conflict, EventStore } from '../eventstore';
import type { SyncedEvent } from '../protocol';
import type { CommandRebaser } from './command-rebaser';

export interface PullApplied {
	/** Events of others (and our own, acknowledged through the pull) now in the log. */
	inserted: number;
	/** Our own pending events that the pull showed were accepted. */
	acknowledged: number;
	/** Streams whose pending commands were decided again on top of the pulled events. */
	rebased: string[];
	/** Commands that no longer fit and went to the conflict inbox. */
	conflicts: Conflict[];
	/** How far the pull got: the highest position applied. */
	cursor: number;
}

/**
 * Applies a page of pulled events in ONE transaction (`store.sync.applyRemote`): inserts them,
 * rebases the pending commands of the streams they land on (DESIGN.md, "Rebase"), sends those
 * that no longer fit to the conflict inbox and records the cursor. All of it commits or none.
 */
export async function applyPulled(
	store: EventStore,
	events: readonly SyncedEvent[],
	rebaser: CommandRebaser,
	now: () => Date = () => new Date()
): Promise<PullApplied> {
	await rebaser.prepare?.();
	const { position, ...applied } = await store.sync.applyRemote(
		events,
		(command, stream) => rebaser.redecide(command, stream),
		now
	);
	return { ...applied, cursor: position };
}
