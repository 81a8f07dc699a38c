import type { Conflict } from '../conflict';
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
 * just refused or discarded), and their own consequences in turn: what a reaction did because
 * of a change goes with the change (DESIGN.md, "Reactions"). The other pending commands of those
 * streams are decided again without them; one that no longer fits goes to the conflict inbox,
 * and its consequences go too. Runs inside the caller's transaction on events, outbox and
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
			const staying = (await takePending(db, streamId)).filter(
				(command) => !gone.has(command.commandId)
			);
			for (const { command, reason } of await rebaseInPlace(parts, streamId, staying, redecide)) {
				const conflict: Conflict = {
					commandId: command.commandId,
					streamId,
					command,
					reason,
					createdAt: now().toISOString()
				};
				await db.conflicts.put(conflict);
				conflicts.push(conflict);
				frontier.push(command.commandId);
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
