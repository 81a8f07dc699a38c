import { eventInputsOf, issuedOf, redecideStored, type AnyAggregate } from '../aggregates';
import { IllegalStateError } from '../errors';
import { categoryOf } from '../events';
import type { Redecide } from '../eventstore';
import { REWIND_COMMAND, redecideRewind, type RewindCommand } from './rewind-decider';
import type { Sealing } from './seal';

/**
 * Decides stored commands again on a stream's current events, for the sync client's rebase:
 * an aggregate's command through its own decide step (`redecideStored`), and an undo, redo or
 * restore through the rewind decider. Throws with a message for the inbox when a command no
 * longer fits. It is what sync's `CommandRebaser` asks for; undo does not import sync.
 */
export function createCommandRebaser(aggregates: readonly AnyAggregate[]): {
	redecide: Redecide;
	prepare(): Promise<void> | undefined;
} {
	const byCategory = new Map(aggregates.map((aggregate) => [aggregate.category, aggregate]));
	return {
		prepare() {
			const waits = aggregates.flatMap((aggregate) => aggregate.prepare?.() ?? []);
			return waits.length > 0 ? Promise.all(waits).then(() => undefined) : undefined;
		},
		redecide(stored, events) {
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
				throw new IllegalStateError(
					'This change belongs to a kind of record this app does not know.'
				);
			}
			return redecideStored(aggregate, stored, events);
		}
	};
}

/** A kind of record this app does not know declares no seals. */
const UNSEALED: Sealing = { sealedBy: [] };
