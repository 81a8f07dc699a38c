import { isPending, type EventStore } from '../eventstore';

/**
 * Drops the stored commands all of whose events the server now has: only pending events
 * ever need their command again (to be rebased). Runs inside the caller's transaction (events, outbox, commands).
 */
export async function dropFinishedCommands(
	store: EventStore,
	commandIds: Iterable<string>
): Promise<void> {
	const { db } = store;
	const commands = (await db.commands.bulkGet([...new Set(commandIds)])).filter(
		(command) => command !== undefined
	);
	if (commands.length === 0) return;
	const events = await db.events
		.where('eventId')
		.anyOf(commands.flatMap((command) => command.eventIds))
		.toArray();
	const outbox = await db.outbox.toArray();
	const stillPending = new Set(
		events.filter((event) => isPending(outbox, event.seq)).map((event) => event.eventId)
	);
	const done = commands.filter((command) => !command.eventIds.some((id) => stillPending.has(id)));
	await db.commands.bulkDelete(done.map((command) => command.commandId));
}
