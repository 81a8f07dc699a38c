import { EventTooLargeError, isRewindError } from '../../errors';
import { ERROR_CODES } from '../../protocol';
import {
	AlreadyExistsError,
	ForbiddenError,
	InvalidEventError,
	InvalidRequestError,
	LastOwnerError,
	NotFoundError,
	PayloadTooLargeError,
	PushConflictError,
	RateLimitedError,
	UnauthorizedError,
	UnavailableError,
	UnsupportedMediaTypeError,
	WebhookRefusedError
} from '../errors';
import { describeDatabaseError, isDatabaseUnavailable } from '../db/is-database-unavailable';
import type { Logger } from '../logger';
import { jsonResponse } from './json-response';

/**
 * The edge where typed errors become HTTP. A client's mistake is a 4xx with `{error, message}`;
 * a database that cannot be reached or written is a 503 with `Retry-After` (the request can be
 * sent again as it is); anything unexpected is logged and answered 500 with a generic message,
 * never a stack.
 */
export function errorResponse(error: unknown, logger: Logger, context: string): Response {
	if (error instanceof InvalidRequestError) {
		return jsonResponse({ error: error.code, message: error.message, issues: error.issues }, 400);
	}
	if (error instanceof InvalidEventError) {
		return jsonResponse(
			{ error: error.code, eventId: error.eventId, message: error.message, issues: error.issues },
			422
		);
	}
	if (error instanceof EventTooLargeError) {
		return jsonResponse(
			{
				error: ERROR_CODES.payloadTooLarge,
				eventId: error.eventId,
				message: error.message,
				limit: error.limit
			},
			413
		);
	}
	if (error instanceof PushConflictError) {
		return jsonResponse(
			{ error: error.code, message: error.message, conflicts: error.conflicts },
			409
		);
	}
	if (error instanceof RateLimitedError) {
		return jsonResponse({ error: error.code, message: error.message }, 429, {
			'retry-after': String(error.retryAfterSeconds)
		});
	}
	if (error instanceof UnavailableError) {
		return jsonResponse({ error: error.code, message: error.message }, 503, {
			'retry-after': String(error.retryAfterSeconds)
		});
	}
	if (isDatabaseUnavailable(error)) {
		logger.warn(`${context}: the database is unavailable: ${describeDatabaseError(error)}`);
		return errorResponse(
			new UnavailableError('The server cannot reach its database right now; try again shortly.'),
			logger,
			context
		);
	}
	if (error instanceof UnauthorizedError) {
		const body = { error: error.code, message: error.message, reason: error.reason };
		return jsonResponse(body, 401, {
			'www-authenticate': 'Bearer'
		});
	}
	const status = statusOf(error);
	if (status !== undefined && isRewindError(error)) {
		return jsonResponse({ error: error.code, message: error.message }, status);
	}
	logger.error(`${context} failed`, error);
	return jsonResponse(
		{
			error: ERROR_CODES.internal,
			message: 'The server failed to handle this request; try again later.'
		},
		500
	);
}

function statusOf(error: unknown): number | undefined {
	if (error instanceof ForbiddenError) return 403;
	if (error instanceof NotFoundError) return 404;
	if (error instanceof AlreadyExistsError) return 409;
	if (error instanceof LastOwnerError) return 409;
	if (error instanceof PayloadTooLargeError) return 413;
	if (error instanceof UnsupportedMediaTypeError) return 415;
	if (error instanceof WebhookRefusedError) return 422;
	return undefined;
}
