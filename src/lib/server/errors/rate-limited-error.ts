import { RewindError } from '../../errors';

/** Thrown when a token has made more requests than the rate limit allows (429). */
export class RateLimitedError extends RewindError {
	readonly code = 'rate_limited';

	constructor(readonly retryAfterSeconds: number) {
		super(`Too many requests with this token; try again in ${retryAfterSeconds} s.`);
	}
}
