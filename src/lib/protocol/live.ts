import { z } from 'zod';

/** The SSE event name `GET /api/sync/live` sends whenever the workspace's head moves. */
export const LIVE_HEAD_EVENT = 'head';

/** The `data:` line of a `head` event. */
export const liveHeadSchema = z.strictObject({
	head: z.int().nonnegative()
});

export type LiveHead = z.output<typeof liveHeadSchema>;
