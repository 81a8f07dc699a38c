/** How webhooks are delivered: server settings (README, "Settings"), small in tests. */
export interface WebhookSettings {
	/**
	 * Lets webhooks reach private, loopback, link-local and unique-local addresses, and over
	 * plain http when every address of the host is such (`WEBHOOK_ALLOW_PRIVATE=1`). Off by default.
	 */
	allowPrivate: boolean;
	/** Attempts at one event before it becomes a dead letter (`WEBHOOK_MAX_ATTEMPTS`). */
	maxAttempts: number;
	/** The wait after the first failure; it doubles after each (`WEBHOOK_RETRY_BASE_MS`). */
	retryBaseMs: number;
	/** The longest wait between attempts (`WEBHOOK_RETRY_CAP_MS`). */
	retryCapMs: number;
	/** How long one POST may take, answer included (`WEBHOOK_TIMEOUT_MS`). */
	timeoutMs: number;
	/**
	 * How often every webhook is looked at even without news of a new event
	 * (`WEBHOOK_POLL_MS`): a missed notification or a database fault delays delivery by this much.
	 */
	pollMs: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
	allowPrivate: false,
	maxAttempts: 8,
	retryBaseMs: 1_000,
	retryCapMs: 5 * 60_000,
	timeoutMs: 10_000,
	pollMs: 30_000
};

/**
 * How long a server process holds a webhook once it took it: renewed before every attempt, so
 * it only runs out when the process died or lost its database. Longer than any attempt, so that
 * no other process takes over while one is still waiting for an answer.
 */
export function leaseMs(settings: WebhookSettings): number {
	return 2 * settings.timeoutMs + 5_000;
}
