import { z } from 'zod';
import { DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT } from './limits';
import { syncedEventSchema } from './wire-event';

/** Query strings carry text: a whole decimal number, nothing else ("1e3", "-0", " 1" are refused). */
const wholeNumber = z
	.string()
	.regex(/^\d{1,15}$/, 'a whole number of at most 15 digits')
	.transform(Number);

/** `GET /api/sync/pull?after=<position>&limit=<1..1000>`, parsed from the query string. */
export const pullQuerySchema = z.object({
	after: wholeNumber.optional().default(0),
	limit: wholeNumber.pipe(z.int().min(1).max(MAX_PULL_LIMIT)).optional().default(DEFAULT_PULL_LIMIT)
});

export type PullQuery = z.output<typeof pullQuerySchema>;

/** 200: events in position order; `hasMore` says another page is already there to pull. */
export const pullResponseSchema = z.strictObject({
	events: z.array(syncedEventSchema),
	head: z.int().nonnegative(),
	hasMore: z.boolean()
});

export type PullResponse = z.output<typeof pullResponseSchema>;
