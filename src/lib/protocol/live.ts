import { z } from 'zod';

/** The `data:` line of a `head` event. */
export const liveHeadSchema = z.strictObject({
	head: z.int().nonnegative()
});

export type LiveHead = z.output<typeof liveHeadSchema>;
