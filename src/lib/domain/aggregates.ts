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
