import Dexie from 'dexie';
import type { StoredEvent } from '../../events';
import type { Conflict } from '../conflict';
import type { Redecide } from '../rebase';
import type { StoredCommand } from '../stored-command';
import type { RewindDatabase } from './database';
import { entryFor } from './outbox';
import { commandless, rebaseInPlace, type RebaseParts } from './rebase-in-place';
import { recordOf, type EventRecord } from './receipts';

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
 * Restores a backup's pending commands, in file order, in ONE transaction. A command already
 * here is skipped; one whose stream here ends where it did in the backup gets its events as
 * they were (same ids, pending, with its command); one whose stream moved on here is decided
 * again on top (a rebase: new events, pending), or goes to the conflict inbox.
 */
export async function restorePending(
	parts: RebaseParts,
	groups: readonly PendingGroup[],
	redecide: Redecide,
	now: () => Date
): Promise<PendingRestored> {
	const { db } = parts;
	return db.transaction(
		'rw',
		[db.events, db.outbox, db.receipts, db.conflicts, db.snapshots, db.rewrites],
		async () => {
			const commandIds = groups.map(commandIdOf);
			const streamIds = [...new Set(groups.map((group) => group.streamId))];
			const [written, inbox, lasts] = await Promise.all([
				db.events.where('metadata.commandId').anyOf(commandIds).toArray(),
				db.conflicts.bulkGet(commandIds),
				Promise.all(streamIds.map((streamId) => headOf(db, streamId)))
			]);
			const heads = new Map(streamIds.map((streamId, index) => [streamId, lasts[index]]));
			const writtenBy = new Map<string, EventRecord[]>();
			for (const event of written) {
				const { commandId } = event.metadata;
				writtenBy.set(commandId, [...(writtenBy.get(commandId) ?? []), event]);
			}
			const held = new Set(inbox.flatMap((conflict) => (conflict ? [conflict.commandId] : [])));
			const outcome: PendingRestored = {
				restored: [],
				skipped: 0,
				rebased: 0,
				rebasedStreams: [],
				conflicts: []
			};
			let queued: PendingGroup[] = [];
			const flush = async () => {
				outcome.restored.push(...(await writeAsTheyWere(db, queued)));
				queued = [];
			};
			for (const group of groups) {
				const commandId = commandIdOf(group);
				if (held.has(commandId) || isHere(group, writtenBy.get(commandId))) {
					outcome.skipped += group.events.length;
					continue;
				}
				held.add(commandId);
				const head = heads.get(group.streamId);
				const first = group.events[0]!;
				if ((head?.version ?? 0) === first.version - 1 && head?.eventId === group.after?.eventId) {
					queued.push(group);
					const last = group.events.at(-1)!;
					heads.set(group.streamId, { version: last.version, eventId: last.eventId });
					continue;
				}
				await flush();
				const command = group.command ?? commandless(first, group.events);
				for (const { reason } of await rebaseInPlace(parts, group.streamId, [command], redecide)) {
					const conflict = { commandId, streamId: group.streamId, command, reason };
					outcome.conflicts.push({ ...conflict, createdAt: now().toISOString() });
				}
				outcome.rebased++;
				outcome.rebasedStreams.push(group.streamId);
				heads.set(group.streamId, await headOf(db, group.streamId));
			}
			await flush();
			await db.conflicts.bulkPut(outcome.conflicts);
			if (outcome.rebased > 0) {
				const streamIds = [...new Set(outcome.rebasedStreams)];
				await db.rewrites.add({ streamIds, at: now().toISOString() });
			}
			return outcome;
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
function isHere(group: PendingGroup, written: readonly EventRecord[] | undefined): boolean {
	if (!written) return false;
	const ours = new Set(group.command?.eventIds ?? group.events.map((event) => event.eventId));
	for (const event of group.events) ours.add(event.eventId);
	const pending = new Set(group.events.map((event) => event.eventId));
	return written.some((event) => pending.has(event.eventId) || !ours.has(event.eventId));
}

/** Writes the groups' events with their own ids, pending, an outbox entry per group. */
async function writeAsTheyWere(
	db: RewindDatabase,
	groups: readonly PendingGroup[]
): Promise<StoredEvent[]> {
	if (groups.length === 0) return [];
	const records = groups.flatMap((group) => group.events.map((event) => recordOf(event)));
	const seqs = await db.events.bulkAdd(records, { allKeys: true });
	let at = 0;
	const entries = groups.map((group) =>
		entryFor(
			group.events.map(() => ({ seq: seqs[at++]!, streamId: group.streamId })),
			group.command
		)
	);
	await db.outbox.bulkAdd(entries);
	return records.map((record, index) => ({ ...record, seq: seqs[index]!, sync: 'pending' }));
}

async function headOf(db: RewindDatabase, streamId: string): Promise<StreamHead | undefined> {
	const last = await db.events
		.where('[streamId+version]')
		.between([streamId, Dexie.minKey], [streamId, Dexie.maxKey])
		.last();
	return last && { version: last.version, eventId: last.eventId };
}
