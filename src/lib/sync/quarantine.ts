import {
	isPending,
	outboxOf,
	type CommandRebaser,
	type Conflict,
	type EventStore
} from '../eventstore';
import { redecideAll, takePending } from './rebase-stream';

/**
 * The server refused one of our events outright (422: its data, type or id will never be
 * accepted; 413: it is too big to store). Its command goes to the conflict inbox with the server's reason, and the
 * stream's other pending commands are decided again without it, all in one transaction.
 */
export async function quarantine(
	store: EventStore,
	eventId: string,
	reason: string,
	rebaser: CommandRebaser,
	now: () => Date = () => new Date()
): Promise<Conflict | undefined> {
	const { db } = store;
	const event = await db.events.where('eventId').equals(eventId).first();
	if (!event || !isPending(await outboxOf(db, event.streamId), event.seq)) return undefined;
	const { streamId } = event;
	const conflict = await db.transaction(
		'rw',
		[db.events, db.outbox, db.receipts, db.snapshots, db.rewrites, db.conflicts],
		async () => {
			const commands = await takePending(store, streamId);
			const refusedIndex = commands.findIndex(
				(command) => command.commandId === event.metadata.commandId
			);
			const [refusedCommand] = commands.splice(refusedIndex, 1);
			const entry: Conflict = {
				commandId: refusedCommand!.commandId,
				streamId,
				command: refusedCommand!,
				reason: `The server refused this change: ${reason}`,
				createdAt: now().toISOString()
			};
			await db.conflicts.put(entry);
			for (const { command, reason: why } of await redecideAll(
				store,
				streamId,
				commands,
				rebaser
			)) {
				await db.conflicts.put({
					commandId: command.commandId,
					streamId,
					command,
					reason: why,
					createdAt: now().toISOString()
				});
			}
			await db.rewrites.add({ streamIds: [streamId], at: now().toISOString() });
			return entry;
		}
	);
	store.announce([streamId], true);
	return conflict;
}
