import { RateLimitedError } from '../errors';
import { secondsUntil, type ThrottleTable } from '../throttle/throttle-table';

export interface RateLimit {
	/** Requests a key may make in a burst; also the refill per `windowMs`. */
	requests: number;
	windowMs: number;
}

interface Lease {
	/** Requests taken from the shared bucket and not spent yet. */
	left: number;
	takenAt: number;
}

/**
 * A token bucket per key, kept in the database so that every server process on it shares it:
 * `requests` at once, refilled at `requests` per `windowMs`. Stored as the bucket's "theoretical
 * arrival time" (GCRA): one number per key, and a row whose time has passed is a full bucket, so
 * it expires then.
 *
 * To keep the hot path cheap, a process takes a lease of 1% of the burst at once (one UPSERT per
 * lease, not per request) and spends it locally. A person can so exceed the limit by at most a
 * lease per process; limits under 200 a window take one request at a time, exactly.
 */
export class RateLimiter {
	readonly #leases = new Map<string, Lease>();
	/** Per key, the lease being taken from the shared bucket, while it is. */
	readonly #taking = new Map<string, Promise<number>>();
	readonly #leaseSize: number;

	constructor(
		readonly table: ThrottleTable,
		readonly limit: RateLimit,
		readonly message: (retryAfterSeconds: number) => string = (seconds) =>
			`Too many requests; try again in ${seconds} s.`
	) {
		this.#leaseSize = Math.max(1, Math.floor(limit.requests / 100));
	}

	/** Takes one request from `key`'s bucket, or throws RateLimitedError with when to retry. */
	async take(key: string, nowMs: number): Promise<void> {
		// Requests arriving while a key's next lease is on its way wait for it and spend it: each
		// taking a lease of its own and keeping only the last threw the others' away, and a
		// person sending requests side by side got 429s after a fifth of their limit.
		// If that lease was refused, the bucket was empty as they arrived: they are refused alike.
		for (let waiting = this.#taking.get(key); waiting; waiting = this.#taking.get(key)) {
			await waiting.catch((error: unknown) => {
				if (error instanceof RateLimitedError) throw error;
			});
		}
		const lease = this.#leases.get(key);
		// A lease older than the window would let a burst through that the bucket no longer holds.
		if (lease && lease.left > 0 && nowMs - lease.takenAt < this.limit.windowMs) {
			lease.left--;
			return;
		}
		this.#leases.delete(key);
		const taking = this.#takeShared(key, nowMs);
		this.#taking.set(key, taking);
		try {
			const granted = await taking;
			if (granted > 1) this.#leases.set(key, { left: granted - 1, takenAt: nowMs });
		} finally {
			this.#taking.delete(key);
		}
		if (this.#leases.size > 10_000) this.#forgetOldLeases(nowMs);
	}

	/** Up to a lease of requests from the shared bucket: how many it gave, at least 1. */
	async #takeShared(key: string, nowMs: number): Promise<number> {
		const interval = this.limit.windowMs / this.limit.requests;
		// A hair of slack: `requests` steps of a fractional interval may sum to a bit over the window.
		const window = this.limit.windowMs + 1e-6;
		// `count` is how many requests this call got: as many of the lease as the bucket holds.
		const [row] = await this.table.sql.query<{ count: number; until_ms: number }>(
			`INSERT INTO throttles AS t (key, count, until_ms, expires_ms)
			VALUES ($1::text, $5::integer, $2::double precision + $5::integer * $3::double precision,
				$2::double precision + $5::integer * $3::double precision)
			ON CONFLICT (key) DO UPDATE SET
				count = GREATEST(0, LEAST($5::integer, floor(($2::double precision + $4::double precision
					- GREATEST(t.until_ms, $2::double precision)) / $3::double precision))),
				until_ms = GREATEST(t.until_ms, $2::double precision) + $3::double precision
					* GREATEST(0, LEAST($5::integer, floor(($2::double precision + $4::double precision
					- GREATEST(t.until_ms, $2::double precision)) / $3::double precision))),
				expires_ms = GREATEST(t.until_ms, $2::double precision) + $3::double precision
					* GREATEST(0, LEAST($5::integer, floor(($2::double precision + $4::double precision
					- GREATEST(t.until_ms, $2::double precision)) / $3::double precision)))
			RETURNING count, until_ms`,
			[key, nowMs, interval, window, this.#leaseSize]
		);
		await this.table.pruneNow(nowMs);
		if (!row || row.count >= 1) return row?.count ?? 1;
		const seconds = secondsUntil(row.until_ms + interval - this.limit.windowMs, nowMs);
		throw new RateLimitedError(seconds, this.message(seconds));
	}

	#forgetOldLeases(nowMs: number): void {
		for (const [key, lease] of this.#leases) {
			if (nowMs - lease.takenAt >= this.limit.windowMs) this.#leases.delete(key);
		}
	}
}
