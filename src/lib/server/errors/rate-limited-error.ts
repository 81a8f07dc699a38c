import { RewindError } from '../../errors';

/** Thrown when a person, an address or an account has to wait before the next try (429). */
export class RateLimitedError extends RewindError {
	readonly code = 'rate_limited';

	constructor(
		readonly retryAfterSeconds: number,
		message = `Too many requests; try again in ${retryAfterSeconds} s.`
	) {
		super(message);
	}
}
