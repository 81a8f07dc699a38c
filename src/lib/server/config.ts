import { resolve } from 'node:path';
import type { DatabaseConfig } from './db/open-database';
import { ConfigError } from './errors';
import type { RateLimit } from './http/rate-limiter';

export interface ServerConfig {
	database: DatabaseConfig;
	sessionTtlMs: number;
	rateLimit: RateLimit | false;
	signupLimit: RateLimit | false;
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
 * `REWIND_SIGNUP_LIMIT` (sign-ups an hour per client address, 30; 0 = off).
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
		signupLimit: signupsPerHour === 0 ? false : { requests: signupsPerHour, windowMs: 60 * 60_000 }
	};
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
