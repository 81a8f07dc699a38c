import type { EventInput, ReadEvent } from '../events';
import type { StoredCommand } from '../eventstore';

/**
 * Decides a stored pending command again, on the current events of its stream, as it would be
 * decided now. Returns the new events (none when it no longer changes anything) or throws
 * with a message for the user when it no longer fits. Pure: the sync client calls it inside
 * the transaction that applies a pull, so a crash can never leave a command half rebased.
 * The app provides it (see `createCommandRebaser` in the undo layer): sync knows no domain.
 */
export interface CommandRebaser {
	redecide(command: StoredCommand, events: readonly ReadEvent[]): EventInput[];
	/**
	 * Resolves once `redecide` can run, for a rebaser whose schemas load on demand; undefined
	 * when it already can. Awaited before the transaction that calls `redecide` opens.
	 */
	prepare?(): Promise<void> | undefined;
}
