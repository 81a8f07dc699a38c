import type { EventRegistry, ReadEvent, StoredEvent } from '../../events';
import { rebase, rebaseOneByOne, type RebasedEvent, type Redecide, type Refusal } from '../rebase';
import type { StoredCommand } from '../stored-command';
import type { RewindDatabase } from './database';
import { commandsIn, entryFor } from './outbox';
import { withReceipt, type EventRecord } from './receipts';
import { outboxRecordsOf } from './sync-state-store';

// The IndexedDB steps around the pure `rebase`, run inside a caller's Dexie transaction on
// events, outbox and receipts.

/** A stream's pending commands, taken out of the log to be decided again. */
export interface TakenCommands {
	/** Oldest first. */
	commands: StoredCommand[];
	/** What each decided before, by command id (`decisionOf`): to tell whether it still does. */
	decided: ReadonlyMap<string, string>;
}

/** Removes a stream's pending events and returns the commands that made them, oldest first. */
export async function takePending(db: RewindDatabase, streamId: string): Promise<TakenCommands> {
	const runs = await outboxRecordsOf(db, streamId);
	if (runs.length === 0) return { commands: [], decided: new Map() };
	const pending: StoredEvent[] = [];
	for (const run of runs) {
		const records = await db.events.where('seq').between(run.seq, run.last, true, true).toArray();
		for (const record of records) pending.push(withReceipt(record, undefined));
	}
	await db.events.bulkDelete(pending.map((event) => event.seq));
	await db.outbox.bulkDelete(runs.map((run) => run.seq));
	const stored = new Map<string, StoredCommand>();
	for (const command of commandsIn(runs)) stored.set(command.commandId, command);
	const commands = new Map<string, StoredCommand>();
	for (const event of pending) {
		const { commandId } = event.metadata;
		if (!commands.has(commandId))
			commands.set(commandId, stored.get(commandId) ?? commandless(event, pending));
	}
	// One pass, not a filter per command: an account may hold thousands of pending deposits.
	const eventsOf = new Map<string, StoredEvent[]>();
	for (const event of pending) {
		const own = eventsOf.get(event.metadata.commandId);
		if (own) own.push(event);
		else eventsOf.set(event.metadata.commandId, [event]);
	}
	const decided = new Map([...eventsOf].map(([id, events]) => [id, decisionOf(events)] as const));
	return { commands: [...commands.values()], decided };
}

/**
 * What a command decided, as the events' types and data: the same string when deciding it
 * again wrote the same change. (A key order that differed would only say "changed" once too
 * often, and a reaction would run again to the same end.)
 */
export function decisionOf(events: readonly { type: string; data: unknown }[]): string {
	return JSON.stringify(events.map(({ type, data }) => [type, data]));
}

/**
 * Events written without a stored command (straight through `append`) cannot be decided
 * again; they are kept as a command of their own events so they reach the inbox, not oblivion.
 */
export function commandless(event: PendingShape, pending: readonly PendingShape[]): StoredCommand {
	const own = pending.filter((other) => other.metadata.commandId === event.metadata.commandId);
	return {
		commandId: event.metadata.commandId,
		streamId: event.streamId,
		command: {
			type: '$Events',
			events: own.map(({ type, data, metadata }) => ({ type, data, metadata }))
		},
		correlationId: event.metadata.correlationId,
		userId: event.metadata.userId,
		deviceId: event.metadata.deviceId,
		issuedAt: event.metadata.occurredAt,
		decidedAtVersion: event.version - 1,
		eventIds: own.map((other) => other.eventId)
	};
}

/** What `commandless` reads of a pending event: it has no local seq in a backup file. */
type PendingShape = Pick<
	StoredEvent,
	'eventId' | 'streamId' | 'version' | 'type' | 'data' | 'metadata'
>;

/** What the sync facet's transactions work with: the database, the registry, the stream reader. */
export interface RebaseParts {
	db: RewindDatabase;
	registry: EventRegistry;
	readStream: (streamId: string) => Promise<ReadEvent[]>;
}

/** What deciding a stream's pending commands again came to. */
export interface RebaseOutcome {
	/** The commands that no longer fit, with the reason (and, one by one, the event they met). */
	refused: ({ command: StoredCommand; at?: number } & Refusal)[];
	/**
	 * The commands of `decided` that are kept with another change than before, or that now
	 * change nothing: what reactions did because of their old events no longer stands.
	 */
	changed: string[];
}

/**
 * Decides `commands` again on the stream as it now is (`rebase`) and stores the kept ones as
 * pending, an outbox entry each. With `landed` (the versions of remote events just applied to
 * the stream), it decides them again at each of those events in turn (`rebaseOneByOne`), and
 * says at which one each was refused. With `decided` (what they decided before, from
 * `takePending`), it says which of them now decide something else.
 */
export async function rebaseInPlace(
	{ db, registry, readStream }: RebaseParts,
	streamId: string,
	commands: readonly StoredCommand[],
	redecide: Redecide,
	options: { landed?: readonly number[]; decided?: ReadonlyMap<string, string> } = {}
): Promise<RebaseOutcome> {
	if (commands.length === 0) return { refused: [], changed: [] };
	const { landed, decided } = options;
	const events = await readStream(streamId);
	const input = { registry, streamId, events, commands, redecide };
	const { kept, refused } = landed ? rebaseOneByOne(input, landed) : rebase(input);
	const changed = changedDecisions(decided, kept, refused);
	const records = kept.flatMap((decided) => decided.events);
	if (records.length === 0) return { refused, changed };
	const seqs = await db.events.bulkAdd(records as EventRecord[], { allKeys: true });
	let at = 0;
	await db.outbox.bulkAdd(
		kept.map(({ command, events: decided }) =>
			entryFor(
				decided.map(() => ({ seq: seqs[at++]!, streamId })),
				command
			)
		)
	);
	return { refused, changed };
}

/** The commands of `decided` neither refused nor kept with the change they made before. */
function changedDecisions(
	decided: ReadonlyMap<string, string> | undefined,
	kept: readonly { command: StoredCommand; events: readonly RebasedEvent[] }[],
	refused: readonly { command: StoredCommand }[]
): string[] {
	if (!decided) return [];
	const now = new Map(kept.map(({ command, events }) => [command.commandId, decisionOf(events)]));
	const gone = new Set(refused.map(({ command }) => command.commandId));
	return [...decided]
		.filter(([commandId, before]) => !gone.has(commandId) && now.get(commandId) !== before)
		.map(([commandId]) => commandId);
}
