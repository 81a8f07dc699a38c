import { z } from 'zod';
import { idSchema } from '../fields';
import { seriesPrefixSchema } from './events';

/** Gives the next number of the series to one record (an order, by its stream id). */
const issueNumber = z.strictObject({
	type: z.literal('IssueNumber'),
	recordId: idSchema
});

/** Names the series with the prefix the server assigned to this device in the workspace. */
const nameSeries = z.strictObject({
	type: z.literal('NameSeries'),
	prefix: seriesPrefixSchema
});

export const seriesCommandSchema = z.discriminatedUnion('type', [issueNumber, nameSeries]);

export type SeriesCommand = z.output<typeof seriesCommandSchema>;
export type IssueNumber = z.output<typeof issueNumber>;
export type NameSeries = z.output<typeof nameSeries>;
