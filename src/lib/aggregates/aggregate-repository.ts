import {
	CommandAlreadyStoredError,
	ValidationError,
	VersionConflictError,
	UnknownStreamError
} from '../errors';
import {
	assertStreamId,
	categoryOf,
	eventTime,
	foldStream,
	type VersionedState,
	type ReadEvent,
	type StoredEvent
} from '../events';
import type { EventStore } from '../eventstore';
import type { CommandContext } from './command-context';
import { commandValidationError } from './command-validation-error';
import { eventInputsOf } from './event-inputs';
import type { Aggregate, DomainCommand, DomainEvent } from './define-aggregate';

/** What a caller knows when issuing a command; ids and time default to fresh ones. */
export type CommandContextInput = Pick<CommandContext, 'userId' | 'deviceId'> &
	Partial<CommandContext>;

export interface CommandResult<State> {
	commandId: string;
	/** Empty when the command changed nothing (it decided no events). */
	events: StoredEvent[];
	state: State;
	version: number;
}

export type StatePoint = { version: number } | { at: Date };

/** A state with the id of the event it reflects last, so a later append can prove it current. */
type Decided<State> = VersionedState<State> & { headEventId?: string };

const DEFAULT_ATTEMPTS = 3;

/**
 * Loads, decides and appends for one aggregate over the event store. Loading is the latest
 * snapshot plus the events after it, never the whole stream when a snapshot applies.
 */
export class AggregateRepository<State, Command extends DomainCommand, Event extends DomainEvent> {
	readonly #decided = new Map<string, Decided<State>>();

	constructor(
		readonly store: EventStore,
		readonly aggregate: Aggregate<State, Command, Event>,
		private readonly options: { attempts?: number } = {}
	) {}

	/** The stream's current state and version; the initial state at version 0 if it is new. */
	async load(streamId: string): Promise<VersionedState<State>> {
		this.#assertOwnStream(streamId);
		const { state, version } = await this.#loadHead(streamId);
		return { state, version };
	}

	async #loadHead(streamId: string): Promise<Decided<State>> {
		const snapshot = await this.store.latestSnapshot(streamId);
		if (snapshot && snapshot.snapshotVersion === this.aggregate.snapshotVersion) {
			// Read from the snapshot's own version to check it still is the event the state was taken at.
			const tail = await this.store.readStream(streamId, { fromVersion: snapshot.version });
			if (tail[0]?.eventId === snapshot.eventId) {
				const base = { state: snapshot.state as State, version: snapshot.version };
				const loaded = foldStream(this.aggregate, base, tail.slice(1));
				if (loaded) {
					if (tail.length > this.aggregate.snapshotEvery)
						await this.#snapshot(streamId, loaded, tail);
					return { ...loaded, headEventId: tail.at(-1)!.eventId };
				}
			}
		}
		const events = await this.store.readStream(streamId);
		const loaded = this.#foldAll(events);
		if (loaded.version >= this.aggregate.snapshotEvery)
			await this.#snapshot(streamId, loaded, events);
		return { ...loaded, ...(events.length > 0 ? { headEventId: events.at(-1)!.eventId } : {}) };
	}

	/**
	 * Runs a command: parses it, decides on the current state, appends with that state's
	 * version as `expectedVersion`, and stores the command with its events. When another tab
	 * wrote in between, it loads and decides again, a few times, then throws the conflict.
	 *
	 * Every action happens once (DESIGN.md, invariant 7): a `commandId` already in the log on
	 * this device, pending or synced, returns that first run's events, with the state and
	 * version right after them, and writes nothing; one still running in this tab returns the
	 * same promise. In a tab, commands on one stream run one after another (`EventStore.queue`).
	 */
	async execute(
		streamId: string,
		command: unknown,
		contextInput: CommandContextInput
	): Promise<CommandResult<State>> {
		this.#assertOwnStream(streamId);
		const parsed = this.#parseCommand(command);
		const commandId = contextInput.commandId ?? crypto.randomUUID();
		const context: CommandContext = {
			...contextInput,
			commandId,
			correlationId: contextInput.correlationId ?? commandId,
			now: contextInput.now ?? new Date()
		};
		return this.store.queue.run(streamId, () => this.#run(streamId, parsed, context), commandId);
	}

	async #run(
		streamId: string,
		parsed: Command,
		context: CommandContext
	): Promise<CommandResult<State>> {
		const { commandId } = context;
		const attempts = this.options.attempts ?? DEFAULT_ATTEMPTS;
		for (let attempt = 1; ;) {
			// The state this tab last decided on, if any: the append proves it is still the head.
			const cached = this.#decided.get(streamId);
			const current = cached ?? (await this.#loadHead(streamId));
			let decided: Event[];
			try {
				decided = this.aggregate.decide(parsed, current.state, context);
			} catch (error) {
				// A refusal must rest on the record as it is: decide again on a fresh load.
				this.#decided.delete(streamId);
				if (cached) continue;
				// Run again after it changed the record, a command may no longer fit (submit twice):
				// the first run is the answer.
				const first = await this.#firstResult(streamId, commandId);
				if (first) return first;
				throw error;
			}
			if (decided.length === 0) {
				this.#decided.delete(streamId);
				if (cached) continue;
				// A command that decides nothing leaves no trace in the log, so running its id again
				// decides again, on the state then: if it now changes the record, that is its first run.
				const first = await this.#firstResult(streamId, commandId);
				return first ?? { commandId, events: [], state: current.state, version: current.version };
			}
			try {
				const { events, version } = await this.store.append(
					streamId,
					eventInputsOf(decided, context),
					{
						expectedVersion: current.version,
						...(current.headEventId ? { expectedHeadEventId: current.headEventId } : {}),
						command: {
							commandId,
							command: parsed as StoredCommandPayload,
							correlationId: context.correlationId,
							...(context.causationId ? { causationId: context.causationId } : {}),
							userId: context.userId,
							deviceId: context.deviceId,
							issuedAt: context.now.toISOString(),
							decidedAtVersion: current.version
						}
					}
				);
				const next = foldStream(this.aggregate, current, events as ReadEvent[])!;
				this.#decided.set(streamId, { ...next, headEventId: events.at(-1)!.eventId });
				if (crossesSnapshot(current.version, version, this.aggregate.snapshotEvery)) {
					await this.#snapshot(streamId, next, events);
				}
				return { commandId, events, state: next.state, version };
			} catch (error) {
				if (error instanceof CommandAlreadyStoredError) {
					const first = await this.#firstResult(streamId, commandId);
					if (first) return first;
				}
				this.#decided.delete(streamId);
				if (!(error instanceof VersionConflictError)) throw error;
				// A stale cached state is not a conflict with another writer: reload without counting it.
				if (cached) continue;
				if (++attempt > attempts) throw error;
			}
		}
	}

	/** The result of the command's first run, if its events are in the log. */
	async #firstResult(
		streamId: string,
		commandId: string
	): Promise<CommandResult<State> | undefined> {
		const events = await this.store.eventsOfCommand(commandId);
		const last = events.at(-1);
		if (!last) return undefined;
		if (last.streamId !== streamId) {
			throw new ValidationError(
				`Command ${commandId} already changed ${last.streamId}; each command needs its own id.`,
				[{ path: ['commandId'], message: 'command id used for another record' }]
			);
		}
		const { state } = this.#foldAll(
			await this.store.readStream(streamId, { toVersion: last.version })
		);
		return { commandId, events, state, version: last.version };
	}

	/** The state the record had at a version, or at a moment (the server's time once synced). */
	async stateAt(streamId: string, point: StatePoint): Promise<VersionedState<State>> {
		this.#assertOwnStream(streamId);
		const head = await this.store.streamVersion(streamId);
		if (head === 0) throw new UnknownStreamError(streamId);
		if ('version' in point) {
			if (!Number.isInteger(point.version) || point.version < 0 || point.version > head) {
				throw new ValidationError(
					`${streamId} has versions 0 to ${head}; there is no version ${point.version}.`,
					[{ path: ['version'], message: 'version out of range' }]
				);
			}
			return this.#foldAll(await this.store.readStream(streamId, { toVersion: point.version }));
		}
		const at = point.at.getTime();
		if (Number.isNaN(at)) throw new ValidationError('stateAt needs a valid date.');
		const events = await this.store.readStream(streamId);
		const until = events.findIndex((event) => Date.parse(eventTime(event)) > at);
		return this.#foldAll(until === -1 ? events : events.slice(0, until));
	}

	#foldAll(events: readonly ReadEvent[]): VersionedState<State> {
		// From version 0 a rewind can never reach below the base, so the fold always succeeds.
		return foldStream(
			this.aggregate,
			{ state: this.aggregate.initialState(), version: 0 },
			events
		)!;
	}

	async #snapshot(
		streamId: string,
		{ state, version }: VersionedState<State>,
		events: readonly StoredEvent[]
	): Promise<void> {
		const last = events.at(-1);
		if (!last || last.version !== version) return;
		await this.store.saveSnapshot({
			streamId,
			version,
			eventId: last.eventId,
			snapshotVersion: this.aggregate.snapshotVersion,
			state
		});
	}

	#parseCommand(command: unknown): Command {
		const result = this.aggregate.commandSchema.safeParse(command);
		if (result.success) return result.data;
		throw commandValidationError(result.error);
	}

	#assertOwnStream(streamId: string): void {
		assertStreamId(streamId);
		if (categoryOf(streamId) !== this.aggregate.category) {
			throw new ValidationError(
				`${streamId} is not one of the ${this.aggregate.category} records.`,
				[{ path: ['streamId'], message: 'wrong category' }]
			);
		}
	}
}

type StoredCommandPayload = { type: string } & Record<string, unknown>;

function crossesSnapshot(from: number, to: number, every: number): boolean {
	return Math.floor(to / every) > Math.floor(from / every);
}
