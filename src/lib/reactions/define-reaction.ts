import type { ReadEvent } from '../events';
import type { StoredCommand } from '../eventstore';

/** A command a reaction asks for: which record, and the command as its aggregate parses it. */
export interface ReactionCommand {
	streamId: string;
	command: { type: string } & Record<string, unknown>;
}

/** None, one or several commands: what a reaction's step returns. */
export type ReactionCommands = ReactionCommand | readonly ReactionCommand[] | undefined;

/**
 * A subscriber that turns an event into further commands: a side effect of a change (charge an
 * account when an order is submitted). Both steps are pure: the runner gives them what they
 * need and runs what they return, once (DESIGN.md, invariant 7).
 */
export interface Reaction<State = unknown> {
	/** Stable and unique: it is part of the id of every command the reaction issues. */
	name: string;
	/** The event types it reacts to. */
	on: readonly string[];
	/** The commands `event` asks for, given its record's state right after it. */
	react(event: ReadEvent, state: State): ReactionCommands;
	/**
	 * Compensation: the commands to run when one of the reaction's commands is refused (by its
	 * rules when it runs, or later by a rebase over others' changes). The refused command stays
	 * in the conflict inbox either way, for the person to see and retry.
	 */
	refused?(command: StoredCommand, reason: string): ReactionCommands;
}

export function defineReaction<State = unknown>(definition: Reaction<State>): Reaction<State> {
	if (definition.name.length === 0) throw new Error('A reaction needs a name.');
	if (definition.on.length === 0) throw new Error(`Reaction ${definition.name} reacts to nothing.`);
	return definition;
}

/** Any reaction, whatever the state it reads. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyReaction = Reaction<any>;

/** The commands of a step's answer, as a list. */
export function commandsOf(answer: ReactionCommands): readonly ReactionCommand[] {
	if (!answer) return [];
	return isList(answer) ? answer : [answer];
}

function isList(
	answer: ReactionCommand | readonly ReactionCommand[]
): answer is readonly ReactionCommand[] {
	return Array.isArray(answer);
}
