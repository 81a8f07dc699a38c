// A log with every kind of line a backup holds, for the backup's tests: a device's own pending
// and synced changes, others' pulled ones, a command the server has only in part, and a conflict.
import type { EventStore } from '../event-store';
import type { Redecide } from '../rebase';
import type { RemoteEvent } from '../remote-event';
import type { StoredCommand } from '../stored-command';
import { databaseOf, acceptOnServer, metadata, OCCURRED_AT } from '../testing';

export const WORKSPACE = { id: 'workspace-1', name: 'Market stall' };

/** Decides an `Increment` again as it was; refuses a `Fragile` one, as a changed rule would. */
export const redecide: Redecide = (command) => {
	if (command.command.type === 'Fragile') throw new Error('It no longer fits.');
	return [
		{
			type: 'Incremented',
			data: { by: command.command.by as number },
			metadata: metadata({ commandId: command.commandId, correlationId: command.correlationId })
		}
	];
};

/** The device's own command: one `Incremented` by `by`, pending, stored with its command. */
export async function increment(
	store: EventStore,
	streamId: string,
	by: number,
	type: 'Increment' | 'Fragile' = 'Increment'
): Promise<void> {
	const commandId = crypto.randomUUID();
	const head = await store.streamVersion(streamId);
	const command: Omit<StoredCommand, 'eventIds' | 'streamId'> = {
		commandId,
		command: { type, by },
		correlationId: commandId,
		userId: 'user-1',
		deviceId: 'device-1',
		issuedAt: OCCURRED_AT,
		decidedAtVersion: head
	};
	await store.append(
		streamId,
		[
			{
				type: 'Incremented',
				data: { by },
				metadata: metadata({ commandId, correlationId: commandId })
			}
		],
		{ expectedVersion: head, command }
	);
}

/** The server's side of the fixture: its next position and each stream's synced head. */
export class FixtureServer {
	position = 100;
	readonly pulled: RemoteEvent[] = [];

	/** Accepts the device's `count` oldest pending events, in local order. */
	async accept(store: EventStore, count: number): Promise<void> {
		const pending = await store.readPending({ limit: count });
		for (const event of pending) {
			await acceptOnServer(databaseOf(store), event.seq, {
				position: ++this.position,
				recordedAt: OCCURRED_AT
			});
		}
	}

	/** Another person's change to `streamId`, pulled: it lands after the stream's synced events. */
	async pullOthers(store: EventStore, streamId: string, by: number): Promise<void> {
		const event = await this.othersChange(store, streamId, by);
		this.pulled.push(event);
		await store.sync.applyRemote([event], redecide);
	}

	/** Another person's change to `streamId` as the server has it, after the stream's synced events. */
	async othersChange(
		store: EventStore,
		streamId: string,
		by: number,
		eventId: string = crypto.randomUUID()
	): Promise<RemoteEvent> {
		const synced = (await store.readStream(streamId)).filter((event) => event.sync === 'synced');
		return {
			eventId,
			streamId,
			version: synced.length + 1,
			type: 'Incremented',
			schemaVersion: 1,
			data: { by },
			metadata: metadata({ userId: 'user-2', deviceId: 'device-2' }),
			position: ++this.position,
			recordedAt: OCCURRED_AT,
			recordedBy: 'user-2'
		};
	}
}

/** The log as readers see it, without this device's local order; its inbox; its pending commands. */
export async function logOf(store: EventStore) {
	const events = (await store.readAll()).map(({ seq: _seq, ...event }) => event);
	const streams = [...new Set(events.map((event) => event.streamId))].sort();
	const commands = await Promise.all(streams.map((streamId) => store.commandsOf(streamId)));
	return {
		events,
		conflicts: (await store.sync.conflicts()).sort((a, b) =>
			a.commandId.localeCompare(b.commandId)
		),
		commands: commands.flat(),
		pulledTo: await store.sync.remotePosition()
	};
}

/** Each counter's total: what a fold of the log shows. */
export async function totalsOf(store: EventStore): Promise<Record<string, number>> {
	const totals: Record<string, number> = {};
	for (const event of await store.readAll()) {
		totals[event.streamId] = (totals[event.streamId] ?? 0) + (event.data as { by: number }).by;
	}
	return totals;
}
