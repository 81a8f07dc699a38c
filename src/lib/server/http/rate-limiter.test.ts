import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../errors';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
	it('allows a burst, refuses with the seconds to wait, and refills over time', () => {
		let now = 0;
		const limiter = new RateLimiter({ requests: 2, windowMs: 60_000 }, () => now);
		limiter.take('a');
		limiter.take('a');
		let refused: unknown;
		try {
			limiter.take('a');
		} catch (error) {
			refused = error;
		}
		expect(refused).toBeInstanceOf(RateLimitedError);
		expect((refused as RateLimitedError).retryAfterSeconds).toBe(30);
		limiter.take('b');
		now += 30_000;
		expect(() => limiter.take('a')).not.toThrow();
	});
});
