import { z } from 'zod';

/** Every error body has a stable `error` code and a `message` for people. */
export const errorBodySchema = z.object({
	error: z.string(),
	message: z.string()
});

export type ErrorBody = z.output<typeof errorBodySchema>;

export const issueSchema = z.strictObject({
	path: z.array(z.union([z.string(), z.number()])),
	message: z.string()
});

export type Issue = z.output<typeof issueSchema>;

/** 400: malformed JSON or shape. */
export const invalidRequestBodySchema = z.strictObject({
	error: z.literal('invalid_request'),
	message: z.string(),
	issues: z.array(issueSchema)
});

/** 422: an event's data fails its schema, its type is unknown, or its eventId is reused. */
export const invalidEventBodySchema = z.strictObject({
	error: z.literal('invalid_event'),
	eventId: z.string(),
	message: z.string(),
	issues: z.array(issueSchema)
});

export const streamConflictSchema = z.strictObject({
	streamId: z.string(),
	/** The version the pushed events followed: the first pushed version minus one. */
	expectedVersion: z.int().nonnegative(),
	/** The stream's version on the server. */
	actualVersion: z.int().nonnegative()
});

export type StreamConflict = z.output<typeof streamConflictSchema>;

/** 409: every stream whose pushed events do not follow the server's head. */
export const versionConflictBodySchema = z.strictObject({
	error: z.literal('version_conflict'),
	message: z.string(),
	conflicts: z.array(streamConflictSchema).min(1)
});

/** The `error` codes a client can meet, by status. */
export const ERROR_CODES = {
	invalidRequest: 'invalid_request', // 400
	unauthorized: 'unauthorized', // 401
	forbidden: 'forbidden', // 403
	notFound: 'not_found', // 404
	methodNotAllowed: 'method_not_allowed', // 405
	versionConflict: 'version_conflict', // 409
	alreadyExists: 'already_exists', // 409
	lastOwner: 'last_owner', // 409: the last owner can't be removed or made a member or viewer
	payloadTooLarge: 'payload_too_large', // 413
	unsupportedMediaType: 'unsupported_media_type', // 415
	invalidEvent: 'invalid_event', // 422
	webhookRefused: 'webhook_refused', // 422: a webhook's URL or event types cannot be used
	rateLimited: 'rate_limited', // 429
	internal: 'internal_error', // 500
	unavailable: 'unavailable' // 503
} as const;
