import type { z } from 'zod';
import type { EventType } from '../events';
import type { CommandContext } from './command-context';

/** What the command path asks of a command schema: zod's `safeParse`, or a stand-in for it. */
export type CommandParser<Command> = Pick<z.ZodType<Command>, 'safeParse' | 'parse'>;

export interface DomainEvent {
	type: string;
	data: unknown;
}

export interface DomainCommand {
	type: string;
}

/**
 * A decider (Emmett's shape): `decide` turns a command and the current state into new events
 * or throws `IllegalStateError`; `evolve` folds one event into the state. Both are pure.
 */
export interface Aggregate<State, Command extends DomainCommand, Event extends DomainEvent> {
	/** The stream category: streams of this aggregate are named `<category>-<id>`. */
	category: string;
	/** Every event type this aggregate writes, by name (only their names are read here). */
	eventTypes: Readonly<Record<string, Pick<EventType, 'type'>>>;
	/** Parses a command from untrusted input; a failure is a `ValidationError`, nothing written. */
	commandSchema: CommandParser<Command>;
	/**
	 * For an aggregate whose command schema and decide step load on demand: resolves once
	 * `commandSchema` and `decide` can run; undefined when they already can. The command path
	 * and the rebaser await it before either.
	 */
	prepare?: () => Promise<void> | undefined;
	initialState: () => State;
	evolve: (state: State, event: Event) => State;
	decide: (command: Command, state: State, context: CommandContext) => Event[];
	/**
	 * The event types that seal the record's past: facts others act on (a submitted order). No
	 * undo, redo or restore goes back before the last of them (DESIGN.md, "Sealed history").
	 */
	sealedBy: readonly string[];
	/**
	 * Why a rewind across a seal of `sealType` is refused, and what to do instead, in the
	 * domain's words ("To take it back, cancel the order."). Without it the library's generic words.
	 */
	explainSeal?: (sealType: string) => string;
	/** Snapshot the state every N events (default 100). */
	snapshotEvery: number;
	/** Bump when the shape of State changes: older snapshots are then ignored and rebuilt. */
	snapshotVersion: number;
}

export type AggregateDefinition<
	State,
	Command extends DomainCommand,
	Event extends DomainEvent
> = Omit<Aggregate<State, Command, Event>, 'snapshotEvery' | 'snapshotVersion' | 'sealedBy'> &
	Partial<Pick<Aggregate<State, Command, Event>, 'snapshotEvery' | 'snapshotVersion' | 'sealedBy'>>;

export function defineAggregate<State, Command extends DomainCommand, Event extends DomainEvent>(
	definition: AggregateDefinition<State, Command, Event>
): Aggregate<State, Command, Event> {
	const snapshotEvery = definition.snapshotEvery ?? 100;
	if (!Number.isInteger(snapshotEvery) || snapshotEvery < 1) {
		throw new Error(`snapshotEvery of "${definition.category}" must be a positive integer.`);
	}
	if (definition.category.includes('-')) {
		throw new Error(`The category "${definition.category}" may not contain "-".`);
	}
	const sealedBy = definition.sealedBy ?? [];
	const written = new Set(Object.values(definition.eventTypes).map((eventType) => eventType.type));
	const unknownSeal = sealedBy.find((type) => !written.has(type));
	if (unknownSeal !== undefined) {
		throw new Error(
			`"${definition.category}" is sealed by "${unknownSeal}", which it never writes.`
		);
	}
	return {
		...definition,
		sealedBy,
		snapshotEvery,
		snapshotVersion: definition.snapshotVersion ?? 1
	};
}

/** Any aggregate, whatever its types; for code that handles aggregates generically. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAggregate = Aggregate<any, any, any>;

export type StateOf<A> = A extends Aggregate<infer S, DomainCommand, DomainEvent> ? S : never;
export type CommandOf<A> = A extends Aggregate<unknown, infer C, DomainEvent> ? C : never;
export type EventOfAggregate<A> = A extends Aggregate<unknown, DomainCommand, infer E> ? E : never;
