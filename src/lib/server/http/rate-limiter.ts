import { RateLimitedError } from '../errors';
import { secondsUntil, type ThrottleTable } from '../throttle/throttle-table';

export interface RateLimit {
	/** Requests a key may make in a burst; also the refill per `windowMs`. */
	requests: number;
	windowMs: number;
}

/**
 * A token bucket per key, kept in the database so that every server process on it shares it:
 * `requests` at once, refilled at `requests` per `windowMs`. Stored as the bucket's "theoretical
 * arrival time" (GCRA): one number per key, one UPSERT per request, and a row whose time has
 * passed is a full bucket, so it expires then.
 */
export class RateLimiter {
	constructor(
		readonly table: ThrottleTable,
		readonly limit: RateLimit,
		readonly message: (retryAfterSeconds: number) => string = (seconds) =>
			`Too many requests; try again in ${seconds} s.`
	) {}

	/** Takes one request from `key`'s bucket, or throws RateLimitedError with when to retry. */
	async take(key: string, nowMs: number): Promise<void> {
		const interval = this.limit.windowMs / this.limit.requests;
		// A hair of slack: `requests` steps of a fractional interval may sum to a bit over the window.
		const tolerance = this.limit.windowMs + 1e-6;
		// `count` is 1 when this request was let through, 0 when refused (the time stays put).
		const [row] = await this.table.sql.query<{ count: number; until_ms: number }>(
			`INSERT INTO throttles AS t (key, count, until_ms, expires_ms)
			VALUES ($1::text, 1, $2::double precision + $3::double precision,
				$2::double precision + $3::double precision)
			ON CONFLICT (key) DO UPDATE SET
				count = CASE WHEN GREATEST(t.until_ms, $2::double precision) + $3::double precision
					<= $2::double precision + $4::double precision THEN 1 ELSE 0 END,
				until_ms = CASE WHEN GREATEST(t.until_ms, $2::double precision) + $3::double precision
					<= $2::double precision + $4::double precision
					THEN GREATEST(t.until_ms, $2::double precision) + $3::double precision
					ELSE t.until_ms END,
				expires_ms = CASE WHEN GREATEST(t.until_ms, $2::double precision) + $3::double precision
					<= $2::double precision + $4::double precision
					THEN GREATEST(t.until_ms, $2::double precision) + $3::double precision
					ELSE t.until_ms END
			RETURNING count, until_ms`,
			[key, nowMs, interval, tolerance]
		);
		await this.table.pruneNow(nowMs);
		if (!row || row.count === 1) return;
		const seconds = secondsUntil(row.until_ms + interval - this.limit.windowMs, nowMs);
		throw new RateLimitedError(seconds, this.message(seconds));
	}
}
