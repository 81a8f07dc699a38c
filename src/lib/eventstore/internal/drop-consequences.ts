import { conflictOf, type Conflict } from '../conflict';
import type { Redecide } from '../rebase';
import type { StoredCommand } from '../stored-command';
import { commandsIn } from './outbox';
import { rebaseInPlace, takePending, type RebaseParts } from './rebase-in-place';

export interface DroppedConsequences {
	/** The streams whose pending events changed. */
	streams: string[];
	/** Commands that no longer fit once the consequences left their streams. */
	conflicts: Conflict[];
}

/**
 * Takes out the pending commands that reactions issued because of `causes` (commands that were
 * just refused or discarded, or that a rebase decided to another change), and their own
 * consequences in turn: what a reaction did because of a change goes with the change, and the
 * reaction runs again on the change as it now is (the cause's events are new to the log). The
 * other pending commands of those streams are decided again without them; one that no longer
 * fits goes to the conflict inbox, and its consequences go too; one that now decides another
 * change takes its consequences along. Runs inside the caller's transaction on events, outbox and
 * conflicts, so the cause and its consequences leave the log together or not at all.
 */
export async function dropConsequences(
	parts: RebaseParts,
	causes: readonly string[],
	redecide: Redecide,
	now: () => Date
): Promise<DroppedConsequences> {
	const { db } = parts;
	const streams = new Set<string>();
	const conflicts: Conflict[] = [];
	let frontier = [...causes];
	while (frontier.length > 0) {
		const dropped = consequencesOf(commandsIn(await db.outbox.toArray()), frontier);
		frontier = [];
		const gone = new Set(dropped.map((command) => command.commandId));
		for (const streamId of new Set(dropped.map((command) => command.streamId))) {
			streams.add(streamId);
			const taken = await takePending(db, streamId);
			const staying = taken.commands.filter((command) => !gone.has(command.commandId));
			const decided = new Map(
				staying.map((command) => [command.commandId, taken.decided.get(command.commandId)!])
			);
			const rebased = await rebaseInPlace(parts, streamId, staying, redecide, { decided });
			// A staying command that now decides another change takes its own consequences along.
			frontier.push(...rebased.changed);
			for (const refusal of rebased.refused) {
				const conflict = conflictOf(streamId, refusal, now().toISOString());
				await db.conflicts.put(conflict);
				conflicts.push(conflict);
				frontier.push(conflict.commandId);
			}
		}
	}
	return { streams: [...streams], conflicts };
}

/** The pending commands caused by `causes`, directly or through other reactions' commands. */
function consequencesOf(
	pending: readonly StoredCommand[],
	causes: readonly string[]
): StoredCommand[] {
	const found = new Map<string, StoredCommand>();
	const queue = [...causes];
	while (queue.length > 0) {
		const cause = queue.pop()!;
		for (const command of pending) {
			if (command.reaction?.causeCommandId !== cause || found.has(command.commandId)) continue;
			found.set(command.commandId, command);
			queue.push(command.commandId);
		}
	}
	return [...found.values()];
}
