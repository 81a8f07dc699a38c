import { eventInputsOf, issuedOf, redecideStored, type AnyAggregate } from '../aggregates';
import { IllegalStateError } from '../errors';
import { categoryOf, type EventInput, type ReadEvent } from '../events';
import type { StoredCommand } from '../eventstore';
import { REWIND_COMMAND, redecideRewind, type RewindCommand } from './rewind-decider';
import type { Sealing } from './seal';

/**
 * Decides a stored command again on its stream's current events: an aggregate's command
 * through its own decide step (`redecideStored`), an undo, redo or restore through the rewind
 * decider. Throws with a message for the inbox when the command no longer fits.
 */
export function redecideCommand(
	byCategory: ReadonlyMap<string, AnyAggregate>,
	stored: StoredCommand,
	events: readonly ReadEvent[]
): EventInput[] {
	const aggregate = byCategory.get(categoryOf(stored.streamId));
	if (stored.command.type === REWIND_COMMAND) {
		const command = stored.command as unknown as RewindCommand;
		const decided = redecideRewind(
			aggregate ?? UNSEALED,
			stored.streamId,
			command,
			events,
			stored.userId
		);
		return eventInputsOf(decided, issuedOf(stored));
	}
	if (!aggregate) {
		throw new IllegalStateError('This change belongs to a kind of record this app does not know.');
	}
	return redecideStored(aggregate, stored, events);
}

/** A kind of record this app does not know declares no seals. */
const UNSEALED: Sealing = { sealedBy: [] };
