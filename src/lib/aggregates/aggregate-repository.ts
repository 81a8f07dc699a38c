import { ValidationError } from '../errors';
import {
	assertStreamId,
	categoryOf,
	foldStream,
	type VersionedState,
	type ReadEvent,
	type StoredEvent
} from '../events';
import type { EventStore } from '../eventstore';
import type * as CommandValidation from './command-validation-error';
import type { Aggregate, DomainCommand, DomainEvent } from './define-aggregate';
import type * as HandleCommand from './handle-command';
import type { CommandHandler } from './handle-command';
import type { StatePoint } from './state-at';
import { contextOf, issueCommand, type CommandContextInput } from './issued-command';
import { changeOf, type RecordedChange } from './recorded-change';

export interface CommandResult<State> {
	commandId: string;
	/** Empty when the command changed nothing (it decided no events). */
	events: StoredEvent[];
	state: State;
	version: number;
	/** The stretch of the record's history it wrote, for the undo stack to remember. */
	change: RecordedChange;
}

/** A state with the id of the event it reflects last, so a later append can prove it current. */
type Decided<State> = VersionedState<State> & { headEventId?: string };

type CommandPath = typeof HandleCommand & typeof CommandValidation;

let commandPath: CommandPath | undefined;

/**
 * Loads the command path's code (`handleCommand`, the command's error), once. The first command
 * loads it with the aggregate's schemas; an app may load it earlier, with its write model.
 */
export async function loadCommandPath(): Promise<void> {
	if (commandPath) return;
	const [handle, validation] = await Promise.all([
		import('./handle-command'),
		import('./command-validation-error')
	]);
	commandPath = { ...handle, ...validation };
}

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
	 * Runs a command through the one command path (`handleCommand`): parses it, decides on the
	 * current state, appends with that state's version as `expectedVersion`, and stores the
	 * command with its events. When another tab wrote in between, it loads and decides again, a
	 * few times, then throws the conflict.
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
		const loading = commandPath
			? this.aggregate.prepare?.()
			: Promise.all([loadCommandPath(), this.aggregate.prepare?.()]);
		if (loading) await loading;
		const issued = issueCommand(this.#parseCommand(command), contextInput);
		return commandPath!.handleCommand(this.store, this.#handler, streamId, issued, {
			...this.options,
			freshId: contextInput.commandId === undefined
		});
	}

	/** The aggregate as the command path sees it, deciding on the state this tab last decided. */
	readonly #handler: CommandHandler<State, Command, CommandResult<State>> = {
		load: async (streamId) => {
			// The state this tab last decided on, if any: the append proves it is still the head.
			const cached = this.#decided.get(streamId);
			return cached ? { ...cached, cached: true } : this.#loadHead(streamId);
		},
		decide: (issued, current) => ({
			events: this.aggregate.decide(issued.command, current.state, contextOf(issued))
		}),
		forget: (streamId) => this.#decided.delete(streamId),
		appended: async (streamId, { commandId }, current, { events, version }) => {
			const next = foldStream(this.aggregate, current, events as ReadEvent[])!;
			this.#decided.set(streamId, { ...next, headEventId: events.at(-1)!.eventId });
			if (crossesSnapshot(current.version, version, this.aggregate.snapshotEvery)) {
				await this.#snapshot(streamId, next, events);
			}
			return resultOf(streamId, commandId, events, next);
		},
		unchanged: (streamId, { commandId }, current) => resultOf(streamId, commandId, [], current),
		firstRun: async (streamId, { commandId }, events) => {
			const last = events.at(-1)!;
			const { state } = this.#foldAll(
				await this.store.readStream(streamId, { toVersion: last.version })
			);
			return resultOf(streamId, commandId, events, { state, version: last.version });
		}
	};

	/** The state the record had at a version, or at a moment (the server's time once synced). */
	async stateAt(streamId: string, point: StatePoint): Promise<VersionedState<State>> {
		this.#assertOwnStream(streamId);
		// Time travel's code: only a record's history asks, so it comes with the first question.
		const { stateAt } = await import('./state-at');
		return stateAt(this.store, streamId, point, (events) => this.#foldAll(events));
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
		throw commandPath!.commandValidationError(result.error);
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

function resultOf<State>(
	streamId: string,
	commandId: string,
	events: StoredEvent[],
	{ state, version }: VersionedState<State>
): CommandResult<State> {
	return {
		commandId,
		events,
		state,
		version,
		change: changeOf(streamId, commandId, version, events.length)
	};
}

function crossesSnapshot(from: number, to: number, every: number): boolean {
	return Math.floor(to / every) > Math.floor(from / every);
}
