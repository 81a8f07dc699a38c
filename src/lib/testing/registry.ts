import { createEventRegistry } from '../events';
import { counterEvents } from './counter-events';
import { noteEvents } from './notes';

/** Every event type of the fixture domain: what a test's event store and server know. */
export const testRegistry = createEventRegistry([
	...Object.values(counterEvents),
	...Object.values(noteEvents)
]);
