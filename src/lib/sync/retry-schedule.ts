/** The first wait after a failure, and the longest any wait grows to. */
export interface BackoffOptions {
	baseMs: number;
	maxMs: number;
}

/**
 * Why these numbers: a person whose server comes back should see sync resume within about
 * 2 s, so no wait between attempts is longer than 2 s (`maxMs`). A blip (a dropped packet, a
 * server restart) is retried after 0.75–1 s, the next wait is the cap. A server that stays
 * down therefore sees one attempt per 1.5–2 s from each leading tab (one per device): a
 * refused connection or a 503 costs it next to nothing, and the jitter (the last quarter of
 * each wait) spreads devices that lost it at the same moment, so they do not return in
 * lockstep. A server that asks for longer (429/503 with `Retry-After`) gets what it asks for,
 * up to `MAX_RETRY_AFTER_MS`.
 */
export const DEFAULT_RETRY: BackoffOptions = { baseMs: 1_000, maxMs: 2_000 };

/**
 * A `Retry-After` longer than this is taken as this: a mistaken hour-long pause must not strand
 * a device's work, and the server still gets minutes of quiet.
 */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/**
 * When the leading tab tries the server again. Failures back off (capped, with jitter); a
 * poke (the browser back online, the window focused, a live head) tries at once, unless the
 * server asked for a pause with `Retry-After`, which every attempt respects.
 */
export class RetrySchedule {
	#failures = 0;
	#notBefore = 0;

	constructor(
		private readonly options: BackoffOptions = DEFAULT_RETRY,
		private readonly random: () => number = Math.random,
		private readonly now: () => number = Date.now
	) {}

	/** Failures in a row since the last round that reached the server. */
	get failures(): number {
		return this.#failures;
	}

	/** A round reached the server: the next failure starts the backoff afresh. */
	succeeded(): void {
		this.#failures = 0;
		this.#notBefore = 0;
	}

	/** A round failed; returns how long to wait before the next one. */
	failed(retryAfterMs?: number): number {
		this.#failures++;
		if (retryAfterMs !== undefined) {
			const pause = Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
			this.#notBefore = this.now() + pause;
			return pause;
		}
		return retryDelay(this.#failures, this.options, this.random);
	}

	/** How long an attempt asked for `delayMs` from now must wait: no sooner than the server allows. */
	delayFor(delayMs: number): number {
		return Math.max(delayMs, this.#notBefore - this.now());
	}
}

/** The wait after the `failures`-th failure in a row: doubling from `baseMs` to `maxMs`, less up to a quarter. */
export function retryDelay(
	failures: number,
	options: BackoffOptions = DEFAULT_RETRY,
	random: () => number = Math.random
): number {
	const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, failures - 1));
	return Math.round(ceiling * (0.75 + random() * 0.25));
}
