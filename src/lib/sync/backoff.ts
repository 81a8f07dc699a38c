export interface BackoffOptions {
	baseMs: number;
	maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 60_000 };

/**
 * How long to wait after the `failures`-th failure in a row: exponential, capped, with "full
 * jitter" so that many devices coming back online at once do not retry in lockstep.
 */
export function backoffDelay(
	failures: number,
	options = DEFAULT_BACKOFF,
	random = Math.random
): number {
	const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, failures - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
