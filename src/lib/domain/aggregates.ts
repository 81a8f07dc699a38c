import { accountAggregate } from './accounts/aggregate';
import { customerAggregate } from './customers/aggregate';
import { orderAggregate } from './orders/aggregate';
import { seriesAggregate } from './series/aggregate';

/** Every aggregate of the app; each owns the streams of its category. */
export const domainAggregates = [
	orderAggregate,
	accountAggregate,
	seriesAggregate,
	customerAggregate
] as const;

/**
 * Each kind of record with the event types its streams hold: what the sync server lets a push
 * put where. A function, so that a page importing the domain does not build it.
 */
export function domainStreams(): Record<string, string[]> {
	return Object.fromEntries(
		domainAggregates.map(({ category, eventTypes }) => [
			category,
			Object.values(eventTypes).map(({ type }) => type)
		])
	);
}
