import { defineProjection } from '../projections';
import { counterAggregate, type CounterState } from './counter';
import type { CounterEvent } from './counter-events';

const counter = counterAggregate();

/** The fixture domain's projection: one row per counter, its row the aggregate's own state. */
export const counterList = defineProjection<CounterState>({
	name: 'test-counter-list',
	version: 1,
	filter: (streamId) => streamId.startsWith('counter-'),
	initialState: counter.initialState,
	evolve: (row, event) => counter.evolve(row, event as typeof event & CounterEvent)
});
