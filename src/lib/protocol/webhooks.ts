import { z } from 'zod';

/** How a webhook names every event type: a list holding only `"*"`. */
export const ALL_EVENT_TYPES = '*';

/** The most event types one webhook can list, and the longest URL it can have. */
export const MAX_WEBHOOK_EVENT_TYPES = 100;
export const MAX_WEBHOOK_URL_LENGTH = 2048;

/**
 * `POST /api/workspace/webhooks` (owners only). `after`: deliver events after this position
 * (default: the workspace's head when registered, so only what happens from now on).
 */
export const registerWebhookRequestSchema = z.strictObject({
	url: z.string().min(1).max(MAX_WEBHOOK_URL_LENGTH),
	eventTypes: z
		.array(z.string().min(1).max(200))
		.min(1)
		.max(MAX_WEBHOOK_EVENT_TYPES)
		.refine((types) => new Set(types).size === types.length, 'event types must not repeat'),
	after: z.int().nonnegative().optional()
});

export type RegisterWebhookRequest = z.input<typeof registerWebhookRequestSchema>;

export const webhookSchema = z.strictObject({
	webhookId: z.string().min(1),
	url: z.string(),
	eventTypes: z.array(z.string()),
	createdAt: z.iso.datetime({ offset: true }),
	/** The position of the last event handed on (acknowledged, or dead-lettered). */
	deliveredPosition: z.int().nonnegative(),
	/** Failed attempts so far at the next event to deliver. */
	failedAttempts: z.int().nonnegative(),
	/** Why the last attempt failed, or null. */
	lastError: z.string().nullable(),
	deadLetters: z.int().nonnegative()
});

export type Webhook = z.output<typeof webhookSchema>;

/** 201 from registering: the signing secret is shown here once, never again. */
export const registeredWebhookSchema = webhookSchema.extend({ secret: z.string().min(1) });

export type RegisteredWebhook = z.output<typeof registeredWebhookSchema>;

export const webhooksResponseSchema = z.strictObject({ webhooks: z.array(webhookSchema) });

export type WebhooksResponse = z.output<typeof webhooksResponseSchema>;

/** An event that failed every attempt: delivery moved on past it. */
export const deadLetterSchema = z.strictObject({
	position: z.int().positive(),
	eventId: z.string(),
	type: z.string(),
	attempts: z.int().positive(),
	lastError: z.string(),
	failedAt: z.iso.datetime({ offset: true }),
	/** An owner asked for it again and the attempt has not happened yet. */
	redeliveryQueued: z.boolean()
});

export type DeadLetter = z.output<typeof deadLetterSchema>;

export const deadLettersResponseSchema = z.strictObject({ deadLetters: z.array(deadLetterSchema) });

export type DeadLettersResponse = z.output<typeof deadLettersResponseSchema>;

/** `POST …/webhooks/:webhookId/redeliver`: one dead letter by position, or all when absent. */
export const redeliverRequestSchema = z.strictObject({
	position: z.int().positive().optional()
});

export type RedeliverRequest = z.input<typeof redeliverRequestSchema>;

/** 202: how many dead letters are queued for another attempt. */
export const redeliverResponseSchema = z.strictObject({ queued: z.int().nonnegative() });

export type RedeliverResponse = z.output<typeof redeliverResponseSchema>;

/** The headers of a delivery, lower case as HTTP/2 and Node show them. */
export const WEBHOOK_HEADERS = {
	/** The event's eventId: a receiver keeps the ones it has handled and ignores repeats. */
	idempotencyKey: 'idempotency-key',
	webhookId: 'rewind-webhook-id',
	/** Unix seconds when this attempt was signed; part of what the signature covers. */
	timestamp: 'rewind-timestamp',
	/** `v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the webhook's secret>`. */
	signature: 'rewind-signature'
} as const;
