import { domainEventTypes } from '../../src/lib/domain';
import { createEventRegistry } from '../../src/lib/events';

/** The app's own event registry, as `createRewindApp` builds it. */
export const registry = createEventRegistry(domainEventTypes);
