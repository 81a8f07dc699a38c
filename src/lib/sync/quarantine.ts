import type { Conflict, EventStore } from '../eventstore';
import type { CommandRebaser } from './command-rebaser';

/**
 * The server refused one of our events outright (422: its data, type or id will never be
 * accepted; 413: it is too big to store). Its command goes to the conflict inbox with the
 * server's reason, and the stream's other pending commands are decided again without it, all
 * in one transaction (`store.sync.quarantine`).
 */
export async function quarantine(
	store: EventStore,
	eventId: string,
	reason: string,
	rebaser: CommandRebaser,
	now: () => Date = () => new Date()
): Promise<Conflict | undefined> {
	await rebaser.prepare?.();
	return store.sync.quarantine(
		eventId,
		`The server refused this change: ${reason}`,
		(command, events) => rebaser.redecide(command, events),
		now
	);
}
