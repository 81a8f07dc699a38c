import { categoryOf } from '../../events/stream-id';
import { defineProjection } from '../../projections/define-projection';
import { seriesAggregate } from '../series/aggregate';
import type { SeriesEvent } from '../series/events';

export interface SeriesNumbersRow {
	/** The series' stream: `series-<deviceId>`, which its provisional prefix comes from. */
	seriesId: string;
	/** The prefix the server assigned, once the series is named. */
	prefix?: string;
	/** The record each number went to: `records[n - 1]` holds number n (numbers have no gaps). */
	records: string[];
}

/**
 * One row per device series: which record holds which number. A row depends on its own stream
 * only, so the order list cannot carry numbers; pages join it by record (`NumberBook`). A
 * series is sealed by every event, so no rewind ever takes a number back out of a row.
 */
export const seriesNumbers = defineProjection<SeriesNumbersRow>({
	name: 'series-numbers',
	version: 1,
	filter: (streamId) => categoryOf(streamId) === seriesAggregate.category,
	initialState: () => ({ seriesId: '', records: [] }),
	list: {
		// Every series is listed (a workspace has one per device): the book reads them all.
		order: ({ seriesId }) => seriesId
	},
	evolve: (row, event) => {
		const known = event as unknown as SeriesEvent;
		const seriesId = event.streamId;
		switch (known.type) {
			case 'NumberIssued': {
				const records = [...row.records];
				records[known.data.number - 1] = known.data.recordId;
				return { ...row, seriesId, records };
			}
			case 'SeriesNamed':
				return { ...row, seriesId, prefix: known.data.prefix };
			default:
				return { ...row, seriesId };
		}
	}
});
