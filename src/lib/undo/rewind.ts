import type { AnyAggregate, CommandContextInput } from '../aggregates';
import { ValidationError } from '../errors';
import { assertStreamId, categoryOf, REWOUND, type StoredEvent } from '../events';
import type { EventStore } from '../eventstore';
import { assertUnsealed, type Sealing } from './seal';

export interface RewindRequest {
	streamId: string;
	/** The version whose state the record returns to. */
	toVersion: number;
	/**
	 * The stream's head this rewind was decided on: a change since is a `VersionConflictError`.
	 * Without it, the head when the rewind runs, after the commands queued before it on the stream.
	 */
	expectedVersion?: number;
	undoes?: string;
	redoes?: string;
}

/**
 * The command stored with a rewind, so a rebase can re-aim it (DESIGN.md, sync client): pending
 * events get new versions when others' events land before them, so the target is kept by
 * identity too, with how many of others' changes the user knowingly reverted.
 */
export type RewindCommand = {
	type: '$Rewind';
	toVersion: number;
	undoes?: string;
	redoes?: string;
	/** The event at `toVersion` and the command that wrote it (absent for version 0). */
	toEventId?: string;
	toCommandId?: string;
	/** Others' events after the target when the rewind was decided: what the user chose to revert. */
	othersReverted: number;
};

export const REWIND_COMMAND = '$Rewind';

/**
 * Appends `$Rewound`: the record's state becomes exactly what it was at `toVersion`. Nothing is
 * deleted, so the history keeps both the change and its undoing.
 *
 * Every undo, redo and restore comes through here: a rewind to before the record's last sealing
 * event (its aggregate's `sealedBy`) is refused with `SealedHistoryError`, nothing written. Like
 * a command, it waits for the commands queued before it on the stream (`EventStore.queue`), and a
 * `commandId` already in the log, or running, returns the first rewind's event and writes nothing.
 */
export function rewind(
	store: EventStore,
	aggregates: readonly Sealed[],
	request: RewindRequest,
	contextInput: CommandContextInput
): Promise<StoredEvent> {
	const context = { ...contextInput, commandId: contextInput.commandId ?? crypto.randomUUID() };
	return store.queue.run(
		request.streamId,
		() => rewindNow(store, aggregateOf(aggregates, request.streamId), request, context),
		context.commandId
	);
}

/** An aggregate as a rewind sees it: its category and the events that seal its past. */
export type Sealed = Sealing & Pick<AnyAggregate, 'category'>;

/** The aggregate of the stream, for its seals; a stream of no known aggregate is refused. */
export function aggregateOf(aggregates: readonly Sealed[], streamId: string): Sealed {
	assertStreamId(streamId);
	const category = categoryOf(streamId);
	const aggregate = aggregates.find((candidate) => candidate.category === category);
	if (aggregate) return aggregate;
	throw new ValidationError(`${streamId} is not a kind of record this app knows.`, [
		{ path: ['streamId'], message: 'unknown category' }
	]);
}

/**
 * The rewind itself, for callers already in the stream's turn of `EventStore.queue` (the undo
 * stack decides what to rewind there): never queue it again from inside that turn.
 */
export async function rewindNow(
	store: EventStore,
	sealing: Sealing,
	request: RewindRequest,
	contextInput: CommandContextInput & { commandId: string }
): Promise<StoredEvent> {
	const { streamId, toVersion, undoes, redoes } = request;
	const { commandId } = contextInput;
	try {
		const events = await store.readStream(streamId);
		const expectedVersion = request.expectedVersion ?? events.at(-1)?.version ?? 0;
		if (!Number.isInteger(toVersion) || toVersion < 0 || toVersion >= expectedVersion) {
			throw new ValidationError(
				`A record at version ${expectedVersion} can only be restored to a version from 0 to ${expectedVersion - 1}.`,
				[{ path: ['toVersion'], message: 'version out of range' }]
			);
		}
		const seen = events.slice(0, expectedVersion);
		assertUnsealed(sealing, streamId, seen, toVersion);
		const correlationId = contextInput.correlationId ?? commandId;
		const now = contextInput.now ?? new Date();
		const data = { toVersion, ...(undoes ? { undoes } : {}), ...(redoes ? { redoes } : {}) };
		const target = seen.find((event) => event.version === toVersion);
		const command: RewindCommand = {
			type: '$Rewind',
			...data,
			...(target ? { toEventId: target.eventId, toCommandId: target.metadata.commandId } : {}),
			othersReverted: seen.filter(
				(event) => event.version > toVersion && event.metadata.userId !== contextInput.userId
			).length
		};
		const appended = await store.append(
			streamId,
			[
				{
					type: REWOUND,
					data,
					metadata: {
						commandId,
						correlationId,
						userId: contextInput.userId,
						deviceId: contextInput.deviceId,
						occurredAt: now.toISOString()
					}
				}
			],
			{
				expectedVersion,
				command: {
					commandId,
					command,
					correlationId,
					userId: contextInput.userId,
					deviceId: contextInput.deviceId,
					issuedAt: now.toISOString(),
					decidedAtVersion: expectedVersion
				}
			}
		);
		return appended.events[0]!;
	} catch (error) {
		// Run again, a rewind no longer fits the record it changed: the first run is the answer.
		const first = await firstRewind(store, streamId, commandId);
		if (first) return first;
		throw error;
	}
}

/** The `$Rewound` a rewind's command wrote, if it is in the log. */
async function firstRewind(
	store: EventStore,
	streamId: string,
	commandId: string
): Promise<StoredEvent | undefined> {
	const [first] = await store.eventsOfCommand(commandId);
	if (!first) return undefined;
	if (first.streamId !== streamId || first.type !== REWOUND) {
		throw new ValidationError(
			`Command ${commandId} already changed ${first.streamId}; each command needs its own id.`,
			[{ path: ['commandId'], message: 'command id used for another change' }]
		);
	}
	return first;
}
