import { defineReaction } from '../reactions/define-reaction';
import type { CounterState } from './counter';

/**
 * The fixture domain's reaction: what is added to any counter named "counter-a…" is carried to
 * the one counter-b1 (which stops at 1000, so carries from several counters or devices race for
 * its room and some are refused), and a refused carry is noted on counter-c1 (its
 * compensation), naming the refused command.
 */
export const carryReaction = defineReaction<CounterState>({
	name: 'carry',
	on: ['Incremented'],
	react: (event) =>
		event.streamId.startsWith('counter-a')
			? {
					streamId: 'counter-b1',
					command: { type: 'Increment', by: (event.data as { by: number }).by }
				}
			: undefined,
	refused: (command) => ({
		streamId: 'counter-c1',
		command: { type: 'Annotate', text: `refused ${command.commandId}` }
	})
});
