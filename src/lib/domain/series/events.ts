import { z } from 'zod';
import { defineEventType, type EventsOf } from '../../events/define-event-type';
import { idSchema, timestampSchema } from '../fields';

/** The most numbers one series issues: beyond it, the numbers would no longer read aloud. */
export const SERIES_NUMBER_MAX = 999_999_999;

/** A prefix as the server assigns them: A, B, … Z, AA, … (a few capital letters). */
export const seriesPrefixSchema = z
	.string({ error: 'Give the series prefix.' })
	.regex(/^[A-Z]{1,6}$/, 'A series prefix is one to six capital letters.');

export const seriesEventTypes = {
	NumberIssued: defineEventType({
		type: 'NumberIssued',
		schema: z.strictObject({
			number: z.number().int().min(1).max(SERIES_NUMBER_MAX),
			recordId: idSchema
		})
	}),
	SeriesNamed: defineEventType({
		type: 'SeriesNamed',
		schema: z.strictObject({ prefix: seriesPrefixSchema, namedAt: timestampSchema })
	})
};

export type SeriesEvent = EventsOf<typeof seriesEventTypes>;
