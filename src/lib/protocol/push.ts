import { z } from 'zod';
import { MAX_PUSH_EVENTS } from './limits';
import { wireEventSchema } from './wire-event';

/** `POST /api/sync/push`. */
export const pushRequestSchema = z.strictObject({
	deviceId: z.string().min(1).max(200),
	events: z.array(wireEventSchema).min(1).max(MAX_PUSH_EVENTS)
});

export type PushRequest = z.output<typeof pushRequestSchema>;

export const acceptedEventSchema = z.strictObject({
	eventId: z.string(),
	position: z.int().positive(),
	recordedAt: z.iso.datetime({ offset: true })
});

export type AcceptedEvent = z.output<typeof acceptedEventSchema>;

/** 200: every event of the batch, in the batch's order, whether new or already stored. */
export const pushResponseSchema = z.strictObject({
	accepted: z.array(acceptedEventSchema),
	head: z.int().nonnegative()
});

export type PushResponse = z.output<typeof pushResponseSchema>;
