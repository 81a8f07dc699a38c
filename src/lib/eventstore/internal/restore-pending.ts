import type { StoredEvent } from '../../events';
import { conflictOf, type Conflict } from '../conflict';
import type { Redecide } from '../rebase';
import type { StoredCommand } from '../stored-command';
import type { NativeConnection } from './native-transaction';
import { commandless, rebaseInPlace, type RebaseParts } from './rebase-in-place';
import type { EventRecord } from './receipts';
import { restoreAsTheyWere } from './restore-as-they-were';

/** The head of a stream: its last event's version and id. */
export interface StreamHead {
	version: number;
	eventId: string;
}

/** A command's pending events as a backup holds them, with what came before them there. */
export interface PendingGroup {
	streamId: string;
	/** In version order; no local seq (they get this device's). */
	events: Omit<StoredEvent, 'seq'>[];
	/** Undefined for events appended without a command. */
	command: StoredCommand | undefined;
	/** The backup's event before the first of these on the stream; undefined at version 1. */
	after: StreamHead | undefined;
}

export interface PendingRestored {
	/** Events written exactly as the backup has them. */
	restored: StoredEvent[];
	/** Events of groups already here (their events, the command decided here, or in the inbox). */
	skipped: number;
	/** Commands decided again on what this device holds, and on which streams. */
	rebased: number;
	rebasedStreams: string[];
	/** Commands that no longer fit, now in the conflict inbox. */
	conflicts: Conflict[];
}

/**
 * Restores a backup's pending commands, in file order. A command already here is skipped; one
 * whose stream here ends where it did in the backup gets its events as they were (same ids,
 * pending, with its command: `restoreAsTheyWere`, many in one transaction); one whose stream
 * moved on here is decided again on top (a rebase: new events, pending), or goes to the
 * conflict inbox, in a transaction of its own.
 */
export async function restorePending(
	parts: RebaseParts & { connection: () => Promise<NativeConnection> },
	groups: readonly PendingGroup[],
	redecide: Redecide,
	now: () => Date
): Promise<PendingRestored> {
	const outcome: PendingRestored = {
		restored: [],
		skipped: 0,
		rebased: 0,
		rebasedStreams: [],
		conflicts: []
	};
	let from = 0;
	while (from < groups.length) {
		const run = await restoreAsTheyWere(await parts.connection(), groups.slice(from));
		outcome.restored.push(...run.written);
		outcome.skipped += run.skipped;
		from += run.handled;
		const next = groups[from++];
		if (next) await decideAgain(parts, next, redecide, now, outcome);
	}
	return outcome;
}

/**
 * A restored pending command whose stream moved on here, in one transaction: skipped if it is
 * here already, else decided again on the stream as it is (kept pending, or to the inbox).
 */
async function decideAgain(
	parts: RebaseParts,
	group: PendingGroup,
	redecide: Redecide,
	now: () => Date,
	outcome: PendingRestored
): Promise<void> {
	const { db } = parts;
	const commandId = commandIdOf(group);
	await db.transaction(
		'rw',
		[db.events, db.outbox, db.receipts, db.conflicts, db.snapshots, db.rewrites],
		async () => {
			const [written, inbox] = await Promise.all([
				db.events.where('metadata.commandId').equals(commandId).toArray(),
				db.conflicts.get(commandId)
			]);
			if (inbox || isHere(group, written)) {
				outcome.skipped += group.events.length;
				return;
			}
			const command = group.command ?? commandless(group.events[0]!, group.events);
			const { refused } = await rebaseInPlace(parts, group.streamId, [command], redecide);
			const conflicts = refused.map((refusal) =>
				conflictOf(group.streamId, refusal, now().toISOString())
			);
			await db.conflicts.bulkPut(conflicts);
			await db.rewrites.add({ streamIds: [group.streamId], at: now().toISOString() });
			outcome.conflicts.push(...conflicts);
			outcome.rebased++;
			outcome.rebasedStreams.push(group.streamId);
		}
	);
}

function commandIdOf(group: PendingGroup): string {
	return group.command?.commandId ?? group.events[0]!.metadata.commandId;
}

/**
 * Whether the group is on this device already: one of its events is (restored before, or
 * synced since), or the command wrote events here that the backup does not know of (it was
 * decided again here, on an earlier restore).
 */
function isHere(group: PendingGroup, written: readonly EventRecord[]): boolean {
	const ours = new Set(group.command?.eventIds ?? group.events.map((event) => event.eventId));
	for (const event of group.events) ours.add(event.eventId);
	const pending = new Set(group.events.map((event) => event.eventId));
	return written.some((event) => pending.has(event.eventId) || !ours.has(event.eventId));
}
