import { z } from 'zod';
import { IllegalStateError } from '../errors';
import { defineAggregate } from '../aggregates';
import { counterEvents, type CounterEvent } from './counter-events';

// The fixture domain's aggregate: deliberately tiny, for the library's own tests (the app's
// orders and accounts are not the library's). It has a rule that refuses (a limit), a
// sealing event (Closed) and a change still taken after the seal (Annotate).
const counterCommand = z.discriminatedUnion('type', [
	z.strictObject({ type: z.literal('Increment'), by: z.number().int().positive() }),
	z.strictObject({ type: z.literal('Reset') }),
	z.strictObject({ type: z.literal('Noop') }),
	z.strictObject({ type: z.literal('Close') }),
	z.strictObject({ type: z.literal('Annotate'), text: z.string() })
]);

type CounterCommand = z.output<typeof counterCommand>;

export interface CounterState {
	value: number;
	increments: number;
	/** Set once closed: it then takes no more changes. */
	closed?: true;
	note?: string;
}

export function counterAggregate(
	options: { snapshotEvery?: number; snapshotVersion?: number } = {}
) {
	return defineAggregate<CounterState, CounterCommand, CounterEvent>({
		category: 'counter',
		eventTypes: counterEvents,
		commandSchema: counterCommand,
		initialState: () => ({ value: 0, increments: 0 }),
		evolve: (state, event) => {
			switch (event.type) {
				case 'Incremented':
					return { value: state.value + event.data.by, increments: state.increments + 1 };
				case 'Reset':
					return { ...state, value: 0 };
				case 'Closed':
					return { ...state, closed: true };
				case 'Annotated':
					return { ...state, note: event.data.text };
				default: {
					const exhaustive: never = event;
					return exhaustive;
				}
			}
		},
		decide: (command, state) => {
			if (state.closed && command.type !== 'Noop' && command.type !== 'Annotate')
				throw new IllegalStateError('The counter is closed.');
			switch (command.type) {
				case 'Increment':
					if (state.value + command.by > 1000)
						throw new IllegalStateError('The counter stops at 1000.');
					return [{ type: 'Incremented', data: { by: command.by } }];
				case 'Reset':
					return [{ type: 'Reset', data: {} }];
				case 'Noop':
					return [];
				case 'Close':
					return [{ type: 'Closed', data: {} }];
				case 'Annotate':
					return [{ type: 'Annotated', data: { text: command.text } }];
				default: {
					const exhaustive: never = command;
					return exhaustive;
				}
			}
		},
		sealedBy: ['Closed'],
		explainSeal: () => 'The counter was closed, so changes before that can no longer be undone.',
		...options
	});
}
