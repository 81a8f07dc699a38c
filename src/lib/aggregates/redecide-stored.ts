import { foldStream, type EventInput, type ReadEvent } from '../events';
import type { StoredCommand } from '../eventstore';
import { commandValidationError } from './command-validation-error';
import type { AnyAggregate } from './define-aggregate';
import { eventInputsOf } from './event-inputs';
import { contextOf, issuedOf } from './issued-command';

/**
 * A stored command decided again on a stream's events, as a rebase does: the decide step of the
 * command path, on the state those events fold to, with the context the command was issued in.
 * Throws the refusal when it no longer fits.
 */
export function redecideStored(
	aggregate: AnyAggregate,
	stored: StoredCommand,
	events: readonly ReadEvent[]
): EventInput[] {
	const parsed = aggregate.commandSchema.safeParse(stored.command);
	if (!parsed.success) throw commandValidationError(parsed.error);
	const issued = issuedOf(stored);
	const base = { state: aggregate.initialState() as unknown, version: 0 };
	const state: unknown = foldStream<unknown>(aggregate, base, events)!.state;
	return eventInputsOf(aggregate.decide(parsed.data, state, contextOf(issued)), issued);
}
