import { RewindError } from '../../errors';

/**
 * Thrown when the server cannot serve now: it is shutting down or its database is unreachable
 * (503 with `Retry-After`). Nothing was stored, or what was is idempotent to send again.
 */
export class UnavailableError extends RewindError {
	readonly code = 'unavailable';

	constructor(
		message: string,
		readonly retryAfterSeconds = 2,
		options?: { cause?: unknown }
	) {
		super(message, options);
	}
}
