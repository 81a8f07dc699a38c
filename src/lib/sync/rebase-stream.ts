import type { StoredEvent } from '../events';
import {
	entryFor,
	outboxOf,
	prepareEvents,
	withReceipt,
	type CommandRebaser,
	type EventRecord,
	type EventStore,
	type StoredCommand
} from '../eventstore';

// The steps of a rebase, run inside a caller's transaction on events, outbox and conflicts.

/** Removes a stream's pending events and returns the commands that made them, oldest first. */
export async function takePending(store: EventStore, streamId: string): Promise<StoredCommand[]> {
	const { db } = store;
	const runs = await outboxOf(db, streamId);
	if (runs.length === 0) return [];
	const pending: StoredEvent[] = [];
	for (const run of runs) {
		const records = await db.events.where('seq').between(run.seq, run.last, true, true).toArray();
		for (const record of records) pending.push(withReceipt(record, undefined));
	}
	await db.events.bulkDelete(pending.map((event) => event.seq));
	await db.outbox.bulkDelete(runs.map((run) => run.seq));
	const stored = new Map<string, StoredCommand>();
	for (const { command } of runs) if (command) stored.set(command.commandId, command);
	const commands = new Map<string, StoredCommand>();
	for (const event of pending) {
		const { commandId } = event.metadata;
		if (!commands.has(commandId))
			commands.set(commandId, stored.get(commandId) ?? commandless(event, pending));
	}
	return [...commands.values()];
}

/**
 * Events written without a stored command (straight through `append`) cannot be decided
 * again; they are kept as a command of their own events so they reach the inbox, not oblivion.
 */
function commandless(event: StoredEvent, pending: StoredEvent[]): StoredCommand {
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

/** Decides each command again on the stream as it now is; returns the ones that no longer fit. */
export async function redecideAll(
	store: EventStore,
	streamId: string,
	commands: StoredCommand[],
	rebaser: CommandRebaser
): Promise<{ command: StoredCommand; reason: string }[]> {
	const { db } = store;
	const refused: { command: StoredCommand; reason: string }[] = [];
	let events = await store.readStream(streamId);
	for (const command of commands) {
		let prepared;
		try {
			// A command decided again may write other events, and they are checked (and sized) anew.
			prepared = prepareEvents(store.registry, rebaser.redecide(command, events), streamId);
		} catch (error) {
			refused.push({ command, reason: error instanceof Error ? error.message : String(error) });
			continue;
		}
		// Nothing left to do: the command is done, with nothing pending to keep it for.
		if (prepared.length === 0) continue;
		const head = events.at(-1)?.version ?? 0;
		const records = prepared.map((event, index): Omit<EventRecord, 'seq'> => ({
			...event,
			streamId,
			version: head + index + 1
		}));
		const seqs = await db.events.bulkAdd(records as EventRecord[], { allKeys: true });
		const stored = records.map((record, index) =>
			withReceipt({ ...record, seq: seqs[index]! }, undefined)
		);
		await db.outbox.add(
			entryFor(stored, {
				...command,
				eventIds: stored.map((event) => event.eventId),
				decidedAtVersion: head
			})
		);
		events = events.concat(stored.map((event) => store.registry.read(event)));
	}
	return refused;
}
