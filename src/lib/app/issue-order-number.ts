import { AggregateRepository, type CommandContextInput, type CommandResult } from '../aggregates';
import {
	numberCommandIdOf,
	seriesAggregate,
	seriesStreamOf,
	type SeriesCommand,
	type SeriesEvent,
	type SeriesState
} from '../domain';
import type { EventStore } from '../eventstore';

type SeriesRepository = AggregateRepository<SeriesState, SeriesCommand, SeriesEvent>;

/**
 * Every order the device's tabs create appends to its one series: a hot stream, where a tab
 * that loses a race decides again (and takes the next number) rather than leave an order
 * without one.
 */
const SERIES_ATTEMPTS = 50;

/** The device series' repository over a tab's store. */
export function seriesRepository(store: EventStore): SeriesRepository {
	return new AggregateRepository(store, seriesAggregate, { attempts: SERIES_ATTEMPTS });
}

/**
 * Numbers the record `streamId`, created by the action `createCommandId`, on the series of the
 * device in `identity`: once, however often it runs, in any tab of the device.
 */
export function issueOrderNumber(
	series: SeriesRepository,
	identity: Pick<CommandContextInput, 'userId' | 'deviceId'>,
	streamId: string,
	createCommandId: string
): Promise<CommandResult<SeriesState>> {
	return series.execute(
		seriesStreamOf(identity.deviceId),
		{ type: 'IssueNumber', recordId: streamId },
		{
			...identity,
			commandId: numberCommandIdOf(createCommandId),
			correlationId: createCommandId,
			causationId: createCommandId
		}
	);
}
