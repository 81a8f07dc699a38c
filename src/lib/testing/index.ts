// The library's own fixture domain, for its tests: counters (an aggregate with a refusal, a
// sealing event and a projection) and notes (event types with a schema history). Never the
// app's domain, and not part of the library's public surface.
export { counterAggregate, type CounterState } from './counter';
export { counterEvents, type CounterEvent } from './counter-events';
export { counterList } from './counter-list';
export { noteEvents } from './notes';
export { testRegistry } from './registry';
export { loadRepro, type LoadedRepro } from './repro';
export { carryReaction } from './carry-reaction';
