import type { Database } from '../db/database';
import { RateLimiter, type RateLimit } from '../http/rate-limiter';
import { LOGIN_THROTTLE, LoginThrottle, type LoginThrottlePolicy } from './login-throttle';
import { ThrottleTable } from './throttle-table';

export interface ThrottleOptions {
	/** Per person, over all their tokens and every server process; `false` turns it off. Default 1200 a minute. */
	rateLimit?: RateLimit | false;
	/** Sign-in delays per account and address (login-throttle.ts); `false` turns them off. */
	loginThrottle?: LoginThrottlePolicy | false;
	/** Sign-ups (new workspaces and users) per client address; `false` turns it off. Default 30 an hour. */
	signupLimit?: RateLimit | false;
}

/** The server's limits, each absent when turned off; all share one table, and so every process. */
export interface ServerThrottles {
	/** Keyed by `request:<userId>`. */
	requests?: RateLimiter;
	login?: LoginThrottle;
	/** Keyed by `signup:<address>`. */
	signup?: RateLimiter;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { requests: 1200, windowMs: 60_000 };
/** Enough for a team to join from one office in an hour, not enough to fill the database. */
export const DEFAULT_SIGNUP_LIMIT: RateLimit = { requests: 30, windowMs: 60 * 60_000 };

export function serverThrottles(db: Database, options: ThrottleOptions): ServerThrottles {
	const table = new ThrottleTable(db);
	const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
	const loginThrottle = options.loginThrottle ?? LOGIN_THROTTLE;
	const signupLimit = options.signupLimit ?? DEFAULT_SIGNUP_LIMIT;
	return {
		...(rateLimit && { requests: new RateLimiter(table, rateLimit) }),
		...(loginThrottle && { login: new LoginThrottle(db, table, loginThrottle) }),
		...(signupLimit && {
			signup: new RateLimiter(
				table,
				signupLimit,
				(seconds) => `Too many sign-ups from this address; try again in ${seconds} s.`
			)
		})
	};
}
