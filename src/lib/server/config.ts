import { resolve } from 'node:path';
import type { DatabaseConfig } from './db/open-database';
import { ConfigError } from './errors';
import type { RateLimit } from './http/rate-limiter';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './webhooks/webhook-settings';

export interface ServerConfig {
	database: DatabaseConfig;
	sessionTtlMs: number;
	rateLimit: RateLimit | false;
	signupLimit: RateLimit | false;
	webhooks: WebhookSettings;
}

const DAY = 24 * 60 * 60 * 1000;

function positiveNumber(
	env: Record<string, string | undefined>,
	name: string,
	fallback: number
): number {
	const raw = env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) {
		throw new ConfigError(`${name} must be a number of 0 or more, not "${raw}".`);
	}
	return value;
}

/**
 * The server's settings from environment variables (listed in the README):
 * `DATABASE_URL` (PostgreSQL; else PGlite in `REWIND_DATA_DIR`, default `./data`),
 * `REWIND_TOKEN_TTL_DAYS` (30), `REWIND_RATE_LIMIT` (requests a minute per person, 1200; 0 = off),
 * `REWIND_SIGNUP_LIMIT` (sign-ups an hour per client address, 30; 0 = off), and the
 * `REWIND_WEBHOOK_*` settings of webhook delivery (`readWebhookSettings`).
 */
export function readServerConfig(
	env: Record<string, string | undefined> = process.env
): ServerConfig {
	const url = env.DATABASE_URL?.trim();
	const database: DatabaseConfig = url
		? { kind: 'postgres', url }
		: { kind: 'pglite', dataDir: resolve(env.REWIND_DATA_DIR?.trim() || './data') };
	const ttlDays = positiveNumber(env, 'REWIND_TOKEN_TTL_DAYS', 30);
	if (ttlDays === 0) throw new ConfigError('REWIND_TOKEN_TTL_DAYS must be more than 0.');
	const perMinute = positiveNumber(env, 'REWIND_RATE_LIMIT', 1200);
	const signupsPerHour = positiveNumber(env, 'REWIND_SIGNUP_LIMIT', 30);
	return {
		database,
		sessionTtlMs: ttlDays * DAY,
		rateLimit: perMinute === 0 ? false : { requests: perMinute, windowMs: 60_000 },
		signupLimit: signupsPerHour === 0 ? false : { requests: signupsPerHour, windowMs: 60 * 60_000 },
		webhooks: readWebhookSettings(env)
	};
}

/**
 * `REWIND_WEBHOOK_ALLOW_PRIVATE` (`1` lets webhooks reach private and loopback addresses, over
 * http too; default off), `REWIND_WEBHOOK_MAX_ATTEMPTS` (8), `REWIND_WEBHOOK_RETRY_BASE_MS`
 * (1000), `REWIND_WEBHOOK_RETRY_CAP_MS` (300000), `REWIND_WEBHOOK_TIMEOUT_MS` (10000),
 * `REWIND_WEBHOOK_POLL_MS` (30000).
 */
function readWebhookSettings(env: Record<string, string | undefined>): WebhookSettings {
	const defaults = DEFAULT_WEBHOOK_SETTINGS;
	const atLeastOne = (name: string, fallback: number) => {
		const value = positiveNumber(env, name, fallback);
		if (value < 1) throw new ConfigError(`${name} must be 1 or more.`);
		return value;
	};
	const allow = env.REWIND_WEBHOOK_ALLOW_PRIVATE?.trim() ?? '';
	if (!['', '0', '1'].includes(allow)) {
		throw new ConfigError(`REWIND_WEBHOOK_ALLOW_PRIVATE must be 0 or 1, not "${allow}".`);
	}
	const settings: WebhookSettings = {
		allowPrivate: allow === '1',
		maxAttempts: atLeastOne('REWIND_WEBHOOK_MAX_ATTEMPTS', defaults.maxAttempts),
		retryBaseMs: atLeastOne('REWIND_WEBHOOK_RETRY_BASE_MS', defaults.retryBaseMs),
		retryCapMs: atLeastOne('REWIND_WEBHOOK_RETRY_CAP_MS', defaults.retryCapMs),
		timeoutMs: atLeastOne('REWIND_WEBHOOK_TIMEOUT_MS', defaults.timeoutMs),
		pollMs: atLeastOne('REWIND_WEBHOOK_POLL_MS', defaults.pollMs)
	};
	if (settings.retryCapMs < settings.retryBaseMs) {
		throw new ConfigError(
			'REWIND_WEBHOOK_RETRY_CAP_MS must not be below REWIND_WEBHOOK_RETRY_BASE_MS.'
		);
	}
	return settings;
}

/** For the start-up log line: where the data is, without a password. */
export function describeDatabase(config: DatabaseConfig): string {
	if (config.kind === 'pglite') return `PGlite in ${config.dataDir}`;
	if (config.kind === 'pglite-memory') return 'PGlite in memory';
	try {
		const url = new URL(config.url);
		return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
	} catch {
		return 'PostgreSQL';
	}
}
