import { conflictOf, type Conflict } from '../conflict';
import type { Redecide } from '../rebase';
import { dropConsequences } from './drop-consequences';
import { isPending } from './outbox';
import { rebaseInPlace, takePending, type RebaseParts } from './rebase-in-place';
import { outboxOf } from './sync-state-store';

/**
 * Puts a refused pending event's command in the conflict inbox and decides the stream's other
 * pending commands again without it, in one transaction (`store.sync.quarantine`). Undefined,
 * having written nothing, when the event is not pending (any more).
 */
export async function quarantineEvent(
	parts: RebaseParts,
	eventId: string,
	reason: string,
	redecide: Redecide,
	now: () => Date
): Promise<{ entry: Conflict; streams: string[] } | undefined> {
	const { db } = parts;
	const event = await db.events.where('eventId').equals(eventId).first();
	if (!event || !isPending(await outboxOf(db, event.streamId), event.seq)) return undefined;
	const { streamId } = event;
	return db.transaction(
		'rw',
		[db.events, db.outbox, db.receipts, db.snapshots, db.rewrites, db.conflicts],
		async () => {
			const refusedIds: string[] = [];
			const { commands, decided } = await takePending(db, streamId);
			const refusedIndex = commands.findIndex(
				(command) => command.commandId === event.metadata.commandId
			);
			const [refusedCommand] = commands.splice(refusedIndex, 1);
			const entry: Conflict = {
				commandId: refusedCommand!.commandId,
				streamId,
				command: refusedCommand!,
				reason,
				createdAt: now().toISOString()
			};
			await db.conflicts.put(entry);
			refusedIds.push(entry.commandId);
			const rebased = await rebaseInPlace(parts, streamId, commands, redecide, { decided });
			for (const refusal of rebased.refused) {
				await db.conflicts.put(conflictOf(streamId, refusal, now().toISOString()));
				refusedIds.push(refusal.command.commandId);
			}
			// What reactions did because of the refused commands goes with them, and so does what
			// they did because of a command that now decides another change (they run again).
			const { streams } = await dropConsequences(
				parts,
				[...refusedIds, ...rebased.changed],
				redecide,
				now
			);
			await db.rewrites.add({
				streamIds: [...new Set([streamId, ...streams])],
				at: now().toISOString()
			});
			return { entry, streams };
		}
	);
}
