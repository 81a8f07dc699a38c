// Sign-in and sign-up limits in the built app (`node build`): the client address comes from
// SvelteKit's getClientAddress through the /api route, here behind a proxy header as
// adapter-node's ADDRESS_HEADER reads it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltApp, startBuiltApp, type BuiltApp } from './built-app';
import { PASSWORD } from './wire';

let app: BuiltApp;
let dataDir: string;

beforeAll(async () => {
	ensureBuiltApp();
	dataDir = mkdtempSync(join(tmpdir(), 'rewind-built-throttle-'));
	app = await startBuiltApp({
		REWIND_DATA_DIR: dataDir,
		REWIND_SIGNUP_LIMIT: '2',
		ADDRESS_HEADER: 'x-forwarded-for',
		XFF_DEPTH: '1'
	});
}, 300_000);

afterAll(async () => {
	await app?.stop();
	rmSync(dataDir, { recursive: true, force: true });
});

async function post(path: string, json: unknown, from?: string) {
	const response = await fetch(app.url + path, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...(from === undefined ? {} : { 'x-forwarded-for': from })
		},
		body: JSON.stringify(json)
	});
	const body = (await response.json()) as { error?: string };
	return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

const newWorkspace = () => ({
	workspace: `ws-${crypto.randomUUID()}`,
	name: 'ada',
	password: PASSWORD
});

describe('behind a proxy that names the client', () => {
	it('limits sign-ups per client address', async () => {
		const statuses = [
			await post('/api/auth/signup', newWorkspace(), '203.0.113.1'),
			await post('/api/auth/signup', newWorkspace(), '203.0.113.1')
		].map((answer) => answer.status);
		expect(statuses).toEqual([201, 201]);
		const refused = await post('/api/auth/signup', newWorkspace(), '203.0.113.1');
		expect(refused.status).toBe(429);
		expect(refused.body.error).toBe('rate_limited');
		expect(Number(refused.retryAfter)).toBeGreaterThan(60);
		expect((await post('/api/auth/signup', newWorkspace(), '203.0.113.2')).status).toBe(201);
	});

	it('answers a request without the header (one that bypassed the proxy), never 500', async () => {
		expect((await post('/api/auth/signup', newWorkspace())).status).toBe(201);
	});

	it('delays sign-ins per account and address, and lets the owner in from elsewhere', async () => {
		const account = newWorkspace();
		expect((await post('/api/auth/signup', account, '203.0.113.3')).status).toBe(201);
		const guesses = await Promise.all(
			Array.from({ length: 6 }, () =>
				post('/api/auth/login', { ...account, password: 'wrong' }, '198.51.100.7')
			)
		);
		expect(guesses.map((answer) => answer.status).sort()).toEqual([401, 401, 401, 401, 429, 429]);
		expect(guesses.find((answer) => answer.status === 429)!.retryAfter).toMatch(/^[12]$/);
		expect((await post('/api/auth/login', account, '198.51.100.8')).status).toBe(200);
	});
});
