// What the app needs to change records, not to show them: the zod schemas of commands and
// events and the deciders. One module, loaded on demand (`deferred-write-model.ts`): the first
// command, pull or older event to upcast brings it in.
import { createEventRegistry, type EventRegistry } from '../events/event-registry';
import { domainEventTypes } from './event-types';

export { orderCommandSchema } from './orders/commands';
export { accountCommandSchema } from './accounts/commands';
export { customerCommandSchema } from './customers/commands';
export { decideOrder } from './orders/decide';
export { decideAccount } from './accounts/decide';
export { seriesCommandSchema } from './series/commands';
export { decideSeries } from './series/decide';
export { decideCustomer } from './customers/decide';

/** The registry of every event type the app writes, with their schemas. */
export function createDomainRegistry(): EventRegistry {
	return createEventRegistry(domainEventTypes);
}
