import { CommandAlreadyStoredError, VersionConflictError } from '../errors';
import type { StoredEvent } from '../events';
import type { AppendResult, EventStore } from '../eventstore';
import { commandIdReusedError } from './command-id-reused-error';
import type { DomainEvent } from './define-aggregate';
import { eventInputsOf } from './event-inputs';
import { storedCommandOf, type CommandPayload, type IssuedCommand } from './issued-command';

/** A state to decide on, with the version and head event an append proves still current. */
export interface Loaded<State> {
	state: State;
	version: number;
	headEventId?: string;
	/** Kept from an earlier run in this tab: may be stale, and a refusal on it proves nothing. */
	cached?: boolean;
}

export interface Decision {
	events: readonly DomainEvent[];
	/** The command to store when it is not the issued one (a rewind stores what it aimed at). */
	stored?: CommandPayload;
}

/**
 * What the command path needs of a decider over the store: how it loads its state, decides,
 * and turns what happened into its result.
 */
export interface CommandHandler<State, Command, Result> {
	load(streamId: string): Promise<Loaded<State>>;
	decide(command: IssuedCommand<Command>, current: Loaded<State>): Decision;
	/** A loaded state turned out stale or refused: drop what is cached of the stream. */
	forget?(streamId: string): void;
	/** The result of an append of the decided events on `current`. */
	appended(
		streamId: string,
		issued: IssuedCommand<Command>,
		current: Loaded<State>,
		appended: AppendResult
	): Result | Promise<Result>;
	/** The result of a decision that changed nothing. */
	unchanged(streamId: string, issued: IssuedCommand<Command>, current: Loaded<State>): Result;
	/** The result of the command's first run, from its events in the log (all on this stream). */
	firstRun(
		streamId: string,
		issued: IssuedCommand<Command>,
		events: StoredEvent[]
	): Result | Promise<Result>;
}

export interface HandleOptions {
	/** How many times to load and decide again when another writer got there first. */
	attempts?: number;
	/**
	 * The version the caller decided on: a change since is a `VersionConflictError`, never
	 * decided again. Without it, the loaded state's version, retried on a conflict.
	 */
	expectedVersion?: number;
	/** The command's id was made just now: no earlier run can be in the log, so none is looked up. */
	freshId?: boolean;
}

const DEFAULT_ATTEMPTS = 3;

/**
 * The one command path (Emmett's `handleCommand`): in the stream's turn of `EventStore.queue`,
 * load, decide, append with the expected version and head event and the command stored with
 * its events; when another tab wrote in between, load and decide again, a few times.
 *
 * Every action happens once (DESIGN.md, invariant 7): a `commandId` already in the log on this
 * device, pending or synced, returns that first run and writes nothing; one still running in
 * this tab returns the same promise.
 */
export function handleCommand<State, Command, Result>(
	store: EventStore,
	handler: CommandHandler<State, Command, Result>,
	streamId: string,
	issued: IssuedCommand<Command>,
	options: HandleOptions = {}
): Promise<Result> {
	return store.queue.run(
		streamId,
		() => handleCommandNow(store, handler, streamId, issued, options),
		issued.commandId
	);
}

/** The path for callers already in the stream's turn of the queue: never queue it again there. */
export async function handleCommandNow<State, Command, Result>(
	store: EventStore,
	handler: CommandHandler<State, Command, Result>,
	streamId: string,
	issued: IssuedCommand<Command>,
	options: HandleOptions = {}
): Promise<Result> {
	const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
	const firstRun = async () => {
		if (options.freshId) return undefined;
		const events = await store.eventsOfCommand(issued.commandId);
		const last = events.at(-1);
		if (!last) return undefined;
		if (last.streamId !== streamId) throw commandIdReusedError(issued.commandId, last.streamId);
		return handler.firstRun(streamId, issued, events);
	};
	for (let attempt = 1; ;) {
		const current = await handler.load(streamId);
		let decision: Decision;
		try {
			decision = handler.decide(issued, current);
		} catch (error) {
			// A refusal must rest on the record as it is: decide again on a fresh load.
			handler.forget?.(streamId);
			if (current.cached) continue;
			// Run again after it changed the record, a command may no longer fit (submit twice):
			// the first run is the answer.
			const first = await firstRun();
			if (first) return first;
			throw error;
		}
		if (decision.events.length === 0) {
			handler.forget?.(streamId);
			if (current.cached) continue;
			// A command that decides nothing leaves no trace in the log, so running its id again
			// decides again, on the state then: if it now changes the record, that is its first run.
			return (await firstRun()) ?? handler.unchanged(streamId, issued, current);
		}
		const expectedVersion = options.expectedVersion ?? current.version;
		try {
			const appended = await store.append(streamId, eventInputsOf(decision.events, issued), {
				expectedVersion,
				// The head event proves the state decided on, when that is the version expected.
				...(current.headEventId && expectedVersion === current.version
					? { expectedHeadEventId: current.headEventId }
					: {}),
				command: storedCommandOf(issued, expectedVersion, decision.stored)
			});
			return await handler.appended(streamId, issued, current, appended);
		} catch (error) {
			if (error instanceof CommandAlreadyStoredError) {
				const first = await firstRun();
				if (first) return first;
			}
			handler.forget?.(streamId);
			if (!(error instanceof VersionConflictError)) throw error;
			// A stale cached state is not a conflict with another writer: reload without counting it.
			if (current.cached) continue;
			if (options.expectedVersion === undefined && ++attempt <= attempts) continue;
			// Decided on a head that has since moved: the first run may be what moved it.
			const first = await firstRun();
			if (first) return first;
			throw error;
		}
	}
}
