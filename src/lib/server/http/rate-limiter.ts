import { RateLimitedError } from '../errors';

export interface RateLimit {
	/** Requests a key may make in a burst; also the refill per `windowMs`. */
	requests: number;
	windowMs: number;
}

interface Bucket {
	tokens: number;
	updatedAt: number;
}

/**
 * A token bucket per key (a session): `requests` at once, refilled at `requests` per `windowMs`.
 * In memory, per process: behind a load balancer each process limits on its own, which still
 * bounds what one token can cost.
 */
export class RateLimiter {
	readonly #buckets = new Map<string, Bucket>();

	constructor(
		readonly limit: RateLimit,
		private readonly now: () => number = Date.now
	) {}

	/** Takes one request from `key`'s bucket, or throws RateLimitedError with when to retry. */
	take(key: string): void {
		const now = this.now();
		const rate = this.limit.requests / this.limit.windowMs;
		const bucket = this.#buckets.get(key) ?? { tokens: this.limit.requests, updatedAt: now };
		bucket.tokens = Math.min(this.limit.requests, bucket.tokens + (now - bucket.updatedAt) * rate);
		bucket.updatedAt = now;
		if (bucket.tokens < 1) {
			this.#buckets.set(key, bucket);
			throw new RateLimitedError(Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000)));
		}
		bucket.tokens -= 1;
		this.#buckets.set(key, bucket);
		if (this.#buckets.size > 10_000) this.#prune(now, rate);
	}

	/** Full buckets carry no information; dropping them bounds memory. */
	#prune(now: number, rate: number): void {
		for (const [key, bucket] of this.#buckets) {
			if (bucket.tokens + (now - bucket.updatedAt) * rate >= this.limit.requests) {
				this.#buckets.delete(key);
			}
		}
	}
}
