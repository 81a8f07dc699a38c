// What the built app (`node build`: adapter-node, SvelteKit, hooks.server.ts) does around the
// sync server: bodies over the limit, methods, errors and headers as a client meets them.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverNodeFlags } from '../../bench/shared/server-node-flags';
import { ensureBuiltApp, startBuiltApp, type BuiltApp } from './built-app';
import { rawRequest } from './raw-request';
import { signup } from './wire';

const MiB = 1024 * 1024;

let app: BuiltApp;
let dataDir: string;
let token: string;

beforeAll(async () => {
	ensureBuiltApp();
	dataDir = mkdtempSync(join(tmpdir(), 'rewind-built-'));
	app = await startBuiltApp({ REWIND_DATA_DIR: dataDir });
	token = await signup(app.url);
}, 300_000);

afterAll(async () => {
	await app?.stop();
	rmSync(dataDir, { recursive: true, force: true });
});

describe('a body over the limit', () => {
	const endpoints = [
		{ path: '/api/auth/signup', auth: false },
		{ path: '/api/auth/login', auth: false },
		{ path: '/api/sync/push', auth: true },
		{ path: '/api/workspace/invites', auth: true },
		{ path: '/api/auth/logout', auth: true }
	];

	// 1.5 MiB is under adapter-node's BODY_SIZE_LIMIT (2M), 3 MiB over it, 80 MiB past what the
	// server throws away before it closes the connection.
	describe.each(endpoints)('POST $path', ({ path, auth }) => {
		it.each([1.5, 3, 80])(
			'answers 413 with the JSON error to a chunked body of %s MiB, and the connection serves on',
			async (mib) => {
				const agent = new Agent({ keepAlive: true, maxSockets: 1 });
				try {
					const response = await rawRequest(app.url, {
						method: 'POST',
						path,
						agent,
						chunkedBytes: mib * MiB,
						headers: auth ? { authorization: `Bearer ${token}` } : {}
					});
					expect(response.status).toBe(413);
					expect(response.headers['content-type']).toMatch(/^application\/json/);
					const body = JSON.parse(response.text) as { error: string; message: string };
					expect(Object.keys(body).sort()).toEqual(['error', 'message']);
					expect(body.error).toBe('payload_too_large');
					expect(body.message).toContain('1048576 bytes');
					if (mib < 64) {
						const next = await rawRequest(app.url, { method: 'GET', path: '/api/health', agent });
						expect(next.status).toBe(200);
						expect(next.reusedSocket).toBe(true);
					}
				} finally {
					agent.destroy();
				}
			},
			60_000
		);

		it('answers 413 to a Content-Length over the limit', async () => {
			const response = await rawRequest(app.url, {
				method: 'POST',
				path,
				headers: {
					'content-type': 'application/json',
					'content-length': String(1.5 * MiB),
					...(auth ? { authorization: `Bearer ${token}` } : {})
				},
				body: `"${' '.repeat(1.5 * MiB - 2)}"`
			});
			expect(response.status).toBe(413);
			expect(JSON.parse(response.text)).toMatchObject({ error: 'payload_too_large' });
		});
	});

	it('left the token valid: a refused logout revoked nothing', async () => {
		const response = await rawRequest(app.url, {
			method: 'GET',
			path: '/api/sync/pull',
			headers: { authorization: `Bearer ${token}` }
		});
		expect(response.status).toBe(200);
	});
});

describe('under /api', () => {
	it('answers an unknown path with a JSON 404, and a wrong method with a JSON 405 and Allow', async () => {
		const missing = await rawRequest(app.url, { method: 'GET', path: '/api/nothing/here' });
		expect(missing.status).toBe(404);
		expect(JSON.parse(missing.text)).toEqual({
			error: 'not_found',
			message: 'There is no endpoint at /api/nothing/here.'
		});
		const root = await rawRequest(app.url, { method: 'POST', path: '/api' });
		expect(root.status).toBe(404);
		expect(JSON.parse(root.text)).toMatchObject({ error: 'not_found' });

		const wrong = await rawRequest(app.url, { method: 'PUT', path: '/api/sync/push' });
		expect(wrong.status).toBe(405);
		expect(wrong.headers.allow).toBe('POST, OPTIONS');
		expect(JSON.parse(wrong.text)).toEqual({
			error: 'method_not_allowed',
			message: '/api/sync/push takes POST, OPTIONS.'
		});
	});

	it('answers OPTIONS with Allow and HEAD without a body, HEAD live at once', async () => {
		const options = await rawRequest(app.url, { method: 'OPTIONS', path: '/api/sync/pull' });
		expect(options.status).toBe(204);
		expect(options.headers.allow).toBe('GET, HEAD, OPTIONS');

		const head = await rawRequest(app.url, {
			method: 'HEAD',
			path: '/api/sync/pull',
			headers: { authorization: `Bearer ${token}` }
		});
		expect(head.status).toBe(200);
		expect(head.text).toBe('');

		const started = Date.now();
		const live = await rawRequest(app.url, {
			method: 'HEAD',
			path: '/api/sync/live',
			headers: { authorization: `Bearer ${token}` }
		});
		expect(live.status).toBe(200);
		expect(live.headers['content-type']).toMatch(/^text\/event-stream/);
		expect(Date.now() - started).toBeLessThan(2_000);
	});

	it('routes a trailing slash as the path without it, and answers paths naming no id with a JSON 404', async () => {
		const slashed = await rawRequest(app.url, { method: 'GET', path: '/api/health/' });
		expect(slashed.status).toBe(200);
		expect(JSON.parse(slashed.text)).toEqual({ status: 'ok', database: 'pglite' });
		for (const path of [
			'/api/nothing/',
			'/api/workspace/members/%FF',
			'/api/workspace/members/%C0%80',
			'/api/workspace/members/a%00',
			'/api/auth/sessions/%00',
			'/api/auth/sessions/a%2Fb'
		]) {
			const response = await rawRequest(app.url, {
				method: 'DELETE',
				path,
				headers: { authorization: `Bearer ${token}` }
			});
			expect(response.status, path).toBe(404);
			expect(JSON.parse(response.text), path).toMatchObject({ error: 'not_found' });
		}
	});

	it('answers /api/health without anything about a workspace', async () => {
		const health = await rawRequest(app.url, { method: 'GET', path: '/api/health' });
		expect(JSON.parse(health.text)).toEqual({ status: 'ok', database: 'pglite' });
	});
});

describe('security headers', () => {
	it.each(['/orders', '/sync', '/api/health', '/api/nothing'])('%s', async (path) => {
		const response = await rawRequest(app.url, { method: 'GET', path });
		expect(response.headers['x-content-type-options']).toBe('nosniff');
		expect(response.headers['x-frame-options']).toBe('DENY');
		expect(response.headers['referrer-policy']).toBe('same-origin');
		if (path.startsWith('/api')) return;
		const csp = String(response.headers['content-security-policy']);
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("object-src 'none'");
		// Every inline script of the page is allowed by its hash, and nothing else inline is.
		const scripts = [...response.text.matchAll(/<script>([\s\S]*?)<\/script>/g)];
		expect(scripts.length).toBeGreaterThan(0);
		const scriptSrc = csp.split(';').find((part) => part.trim().startsWith('script-src'))!;
		expect(scriptSrc).not.toContain('unsafe-inline');
		for (const [, source] of scripts) {
			const hash = createHash('sha256').update(source!).digest('base64');
			expect(scriptSrc).toContain(`'sha256-${hash}'`);
		}
	});
});

describe('a port already taken', () => {
	it('ends a second server with one clear line and exit code 1, not a stack trace', async () => {
		const otherDir = mkdtempSync(join(tmpdir(), 'rewind-built-port-'));
		try {
			const child = spawn(process.execPath, [...serverNodeFlags(), 'build'], {
				env: {
					PATH: process.env.PATH ?? '',
					HOST: '127.0.0.1',
					PORT: new URL(app.url).port,
					BODY_SIZE_LIMIT: '2M',
					REWIND_DATA_DIR: otherDir
				},
				stdio: ['ignore', 'ignore', 'pipe']
			});
			let stderr = '';
			child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			const code = await new Promise<number | null>((done) => child.once('exit', done));
			expect(code).toBe(1);
			expect(stderr).toContain(`[rewind] Port ${new URL(app.url).port} is already in use`);
			expect(stderr).not.toMatch(/^\s+at /m);
		} finally {
			rmSync(otherDir, { recursive: true, force: true });
		}
	}, 60_000);
});
