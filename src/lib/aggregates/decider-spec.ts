import { isDeepStrictEqual } from 'node:util';
import type { Aggregate, DomainCommand, DomainEvent } from './define-aggregate';
import type { CommandContext } from './command-context';
import { commandValidationError } from './command-validation-error';

const defaultContext: CommandContext = {
	commandId: 'command-1',
	correlationId: 'correlation-1',
	userId: 'user-1',
	deviceId: 'device-1',
	now: new Date('2026-01-02T03:04:05.000Z')
};

/**
 * Given/when/then for a decider, no storage involved:
 * `spec(orders).given([created]).when(submit).thenThrows(IllegalStateError, /no items/)`.
 * The command goes through the aggregate's command schema and fails as it does in the app.
 */
export function deciderSpec<State, Command extends DomainCommand, Event extends DomainEvent>(
	aggregate: Aggregate<State, Command, Event>
) {
	return {
		given(events: Event[]) {
			return {
				when(command: unknown, context: Partial<CommandContext> = {}) {
					const run = () => {
						const state = events.reduce(aggregate.evolve, aggregate.initialState());
						const parsed = aggregate.commandSchema.safeParse(command);
						if (!parsed.success) throw commandValidationError(parsed.error);
						return aggregate.decide(parsed.data, state, { ...defaultContext, ...context });
					};
					return {
						then(expected: Event[]) {
							const actual = run();
							if (!isDeepStrictEqual(actual, expected)) {
								throw new Error(
									`Expected events\n${JSON.stringify(expected, null, 2)}\nbut got\n${JSON.stringify(actual, null, 2)}`
								);
							}
						},
						thenThrows(errorClass: abstract new (...args: never[]) => Error, message?: RegExp) {
							let thrown: unknown;
							try {
								run();
							} catch (error) {
								thrown = error;
							}
							if (!(thrown instanceof errorClass)) {
								throw new Error(`Expected ${errorClass.name}, got ${String(thrown)}`);
							}
							if (message && !message.test(thrown.message)) {
								throw new Error(`Expected a message matching ${message}, got "${thrown.message}"`);
							}
						}
					};
				}
			};
		}
	};
}
