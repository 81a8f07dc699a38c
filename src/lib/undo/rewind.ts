import {
	commandIdReusedError,
	handleCommand,
	handleCommandNow,
	issueCommand,
	type AnyAggregate,
	type CommandContextInput,
	type CommandHandler,
	type HandleOptions,
	type IssuedCommand
} from '../aggregates';
import { ValidationError } from '../errors';
import { assertStreamId, categoryOf, REWOUND, type ReadEvent, type StoredEvent } from '../events';
import type { EventStore } from '../eventstore';
import { decideRewind, REWIND_COMMAND, type RewindAim, type RewindState } from './rewind-decider';
import type { Sealing } from './seal';

export { REWIND_COMMAND, type RewindCommand } from './rewind-decider';

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
 * Appends `$Rewound`: the record's state becomes exactly what it was at `toVersion`. Nothing is
 * deleted, so the history keeps both the change and its undoing.
 *
 * Every undo, redo and restore comes through here, on the one command path (`handleCommand`):
 * a rewind to before the record's last sealing event (its aggregate's `sealedBy`) is refused
 * with `SealedHistoryError`, nothing written. Like a command, it waits for the commands queued
 * before it on the stream (`EventStore.queue`), and a `commandId` already in the log, or
 * running, returns the first rewind's event and writes nothing.
 */
export async function rewind(
	store: EventStore,
	aggregates: readonly Sealed[],
	request: RewindRequest,
	contextInput: CommandContextInput
): Promise<StoredEvent> {
	const { streamId } = request;
	const sealing = aggregateOf(aggregates, streamId);
	const issued = issueCommand(aimOf(request), contextInput);
	return await handleCommand(store, rewindHandler(store, sealing, request), streamId, issued, {
		...rewindOptions(request),
		freshId: contextInput.commandId === undefined
	});
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
 * stack decides what to rewind there): never queue it again from inside that turn. `events`,
 * the stream as the caller just read it in this turn, saves reading it again.
 */
export function rewindNow(
	store: EventStore,
	sealing: Sealing,
	request: RewindRequest,
	contextInput: CommandContextInput & { commandId: string },
	events?: readonly ReadEvent[]
): Promise<StoredEvent> {
	const issued = issueCommand(aimOf(request), contextInput);
	const handler = rewindHandler(store, sealing, request, events);
	return handleCommandNow(store, handler, request.streamId, issued, rewindOptions(request));
}

function aimOf({ toVersion, undoes, redoes }: RewindRequest): RewindAim {
	return {
		type: REWIND_COMMAND,
		toVersion,
		...(undoes ? { undoes } : {}),
		...(redoes ? { redoes } : {})
	};
}

/**
 * A rewind is decided once: run again on a head another tab moved, "back to version N" would
 * revert a change nobody saw, so the conflict is the answer.
 */
function rewindOptions({ expectedVersion }: RewindRequest): HandleOptions {
	return { attempts: 1, ...(expectedVersion === undefined ? {} : { expectedVersion }) };
}

/** The `$Rewound` decider as the command path runs it, on the whole stream as its state. */
function rewindHandler(
	store: EventStore,
	sealing: Sealing,
	request: RewindRequest,
	preloaded?: readonly ReadEvent[]
): CommandHandler<RewindState, RewindAim, StoredEvent> {
	let events = preloaded;
	return {
		async load(streamId) {
			const state = events ?? (await store.readStream(streamId));
			// A stream read in the caller's turn serves the first attempt only.
			events = undefined;
			const head = state.at(-1);
			return { state, version: head?.version ?? 0, ...(head ? { headEventId: head.eventId } : {}) };
		},
		decide(issued: IssuedCommand<RewindAim>, current) {
			const expectedVersion = request.expectedVersion ?? current.version;
			return decideRewind(
				sealing,
				request.streamId,
				issued.command,
				current.state,
				expectedVersion,
				issued.userId
			);
		},
		appended(_streamId, _issued, _current, appended) {
			return appended.events[0]!;
		},
		unchanged() {
			throw new Error('A rewind always decides its $Rewound.');
		},
		firstRun(_streamId, issued, [first]) {
			if (first!.type !== REWOUND) throw commandIdReusedError(issued.commandId, first!.streamId);
			return first!;
		}
	};
}
