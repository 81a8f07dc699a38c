import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDatabase, readServerConfig } from './config';
import { ConfigError } from './errors';
import { DEFAULT_WEBHOOK_SETTINGS } from './webhooks/webhook-settings';

describe('readServerConfig', () => {
	it('defaults to PGlite in ./data, 30-day tokens and 1200 requests a minute', () => {
		const config = readServerConfig({});
		expect(config.database).toEqual({ kind: 'pglite', dataDir: resolve('./data') });
		expect(config.sessionTtlMs).toBe(30 * 24 * 60 * 60 * 1000);
		expect(config.rateLimit).toEqual({ requests: 1200, windowMs: 60_000 });
		expect(config.signupLimit).toEqual({ requests: 30, windowMs: 60 * 60_000 });
	});

	it('uses PostgreSQL when DATABASE_URL is set, and never logs its password', () => {
		const config = readServerConfig({ DATABASE_URL: 'postgres://u:secret@db:5433/rewind' });
		expect(config.database).toEqual({
			kind: 'postgres',
			url: 'postgres://u:secret@db:5433/rewind'
		});
		expect(describeDatabase(config.database)).toBe('PostgreSQL at db:5433/rewind');
	});

	it('reads REWIND_DATA_DIR, REWIND_TOKEN_TTL_DAYS, REWIND_RATE_LIMIT and REWIND_SIGNUP_LIMIT (0 = off)', () => {
		const config = readServerConfig({
			REWIND_DATA_DIR: '/srv/rewind',
			REWIND_TOKEN_TTL_DAYS: '1',
			REWIND_RATE_LIMIT: '0',
			REWIND_SIGNUP_LIMIT: '0'
		});
		expect(config.database).toEqual({ kind: 'pglite', dataDir: '/srv/rewind' });
		expect(config.sessionTtlMs).toBe(24 * 60 * 60 * 1000);
		expect(config.rateLimit).toBe(false);
		expect(config.signupLimit).toBe(false);
		expect(readServerConfig({ REWIND_SIGNUP_LIMIT: '5' }).signupLimit).toEqual({
			requests: 5,
			windowMs: 60 * 60_000
		});
	});

	it('reads the REWIND_WEBHOOK_* settings; webhooks reach only public addresses by default', () => {
		expect(readServerConfig({}).webhooks).toEqual(DEFAULT_WEBHOOK_SETTINGS);
		expect(DEFAULT_WEBHOOK_SETTINGS.allowPrivate).toBe(false);
		expect(
			readServerConfig({
				REWIND_WEBHOOK_ALLOW_PRIVATE: '1',
				REWIND_WEBHOOK_MAX_ATTEMPTS: '3',
				REWIND_WEBHOOK_RETRY_BASE_MS: '10',
				REWIND_WEBHOOK_RETRY_CAP_MS: '100',
				REWIND_WEBHOOK_TIMEOUT_MS: '500',
				REWIND_WEBHOOK_POLL_MS: '1000'
			}).webhooks
		).toEqual({
			allowPrivate: true,
			maxAttempts: 3,
			retryBaseMs: 10,
			retryCapMs: 100,
			timeoutMs: 500,
			pollMs: 1000
		});
		expect(() => readServerConfig({ REWIND_WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(
			/REWIND_WEBHOOK_ALLOW_PRIVATE/
		);
		expect(() => readServerConfig({ REWIND_WEBHOOK_MAX_ATTEMPTS: '0' })).toThrow(
			/REWIND_WEBHOOK_MAX_ATTEMPTS/
		);
		expect(() =>
			readServerConfig({ REWIND_WEBHOOK_RETRY_BASE_MS: '100', REWIND_WEBHOOK_RETRY_CAP_MS: '10' })
		).toThrow(/REWIND_WEBHOOK_RETRY_CAP_MS/);
	});

	it('refuses values it cannot use, naming the variable', () => {
		expect(() => readServerConfig({ REWIND_RATE_LIMIT: 'lots' })).toThrow(ConfigError);
		expect(() => readServerConfig({ REWIND_TOKEN_TTL_DAYS: '0' })).toThrow(/REWIND_TOKEN_TTL_DAYS/);
	});
});
