import type { EventType } from '../events/define-event-type';
import { accountAggregate } from './accounts/aggregate';
import { accountEventTypes } from './accounts/events';
import { orderAggregate } from './orders/aggregate';
import { orderEventTypes } from './orders/events';

/** Every event type the app writes, for the event registry. */
export const domainEventTypes: readonly EventType[] = [
	...Object.values(orderEventTypes),
	...Object.values(accountEventTypes)
];

/** Every aggregate of the app; each owns the streams of its category. */
export const domainAggregates = [orderAggregate, accountAggregate] as const;
