import type { EventType } from '../events/define-event-type';
import { accountEventTypes } from './accounts/events';
import { customerEventTypes } from './customers/events';
import { orderEventTypes } from './orders/events';
import { seriesEventTypes } from './series/events';

/** Every event type the app writes, for the event registry. */
export const domainEventTypes: readonly EventType[] = [
	...Object.values(orderEventTypes),
	...Object.values(accountEventTypes),
	...Object.values(seriesEventTypes),
	...Object.values(customerEventTypes)
];

export { domainAggregates } from './aggregates';
