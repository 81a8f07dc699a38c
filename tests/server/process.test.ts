import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { residentMiB } from '../../bench/load/server-memory';
import {
	ServerExitedError,
	buildServerEntry,
	removeServerEntry,
	startServerProcess,
	type ServerProcess
} from './server-process';
import { call as callUrl, PASSWORD, rewoundEvent } from './wire';

const running: ServerProcess[] = [];

async function start(env: Record<string, string>): Promise<ServerProcess> {
	const server = await startServerProcess(env);
	running.push(server);
	return server;
}

afterEach(async () => {
	await Promise.all(running.splice(0).map((server) => server.stop('SIGKILL')));
});

beforeAll(async () => {
	await buildServerEntry();
}, 60_000);

afterAll(() => removeServerEntry());

function call(server: ServerProcess, method: string, path: string, token?: string, json?: unknown) {
	return callUrl(server.url, method, path, token, json);
}

describe('a server process on a PGlite folder', () => {
	let dataDir: string;

	beforeAll(() => {
		dataDir = mkdtempSync(join(tmpdir(), 'rewind-process-'));
	});

	afterAll(() => {
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('refuses a second process on the same folder with a clear message', async () => {
		const first = await start({ REWIND_DATA_DIR: dataDir });
		const second = startServerProcess({ REWIND_DATA_DIR: dataDir });
		const error = await second.then(
			() => undefined,
			(reason: unknown) => reason
		);
		expect(error).toBeInstanceOf(ServerExitedError);
		expect((error as ServerExitedError).code).toBe(1);
		expect((error as ServerExitedError).stderr).toContain(
			`The data folder ${dataDir} is in use by another Rewind server (process ${first.child.pid})`
		);
		expect((await call(first, 'GET', '/api/health')).status).toBe(200);
	}, 60_000);

	it('keeps every acknowledged event across a SIGTERM and a restart', async () => {
		const first = await start({ REWIND_DATA_DIR: dataDir });
		const workspace = `ws-${crypto.randomUUID()}`;
		const signup = await call(first, 'POST', '/api/auth/signup', undefined, {
			workspace,
			name: 'ada',
			password: PASSWORD
		});
		expect(signup.status).toBe(201);
		const acknowledged: { eventId: string; position: number }[] = [];
		for (let batch = 0; batch < 20; batch++) {
			const events = Array.from({ length: 25 }, (_, i) =>
				rewoundEvent(`order-rec-${batch}`, i + 1)
			);
			const pushed = await call(first, 'POST', '/api/sync/push', signup.body.token, {
				deviceId: 'device-1',
				events
			});
			expect(pushed.status).toBe(200);
			acknowledged.push(...pushed.body.accepted!);
		}

		expect(await first.stop('SIGTERM')).toBe(0);
		expect(existsSync(join(dataDir, 'rewind.lock'))).toBe(false);

		const second = await start({ REWIND_DATA_DIR: dataDir });
		const login = await call(second, 'POST', '/api/auth/login', undefined, {
			workspace,
			name: 'ada',
			password: PASSWORD
		});
		expect(login.status).toBe(200);
		const pulled = await call(second, 'GET', '/api/sync/pull?limit=1000', login.body.token);
		expect(pulled.status).toBe(200);
		expect(pulled.body.events!.map(({ eventId, position }) => ({ eventId, position }))).toEqual(
			acknowledged.map(({ eventId, position }) => ({ eventId, position }))
		);
	}, 90_000);

	it('does not keep the memory of making a new folder', async () => {
		// initdb in the server's own PGlite grew its WebAssembly memory to about 800 MiB for good:
		// a server started on a new folder held 808 MiB idle, the same server on that folder
		// again 363 MiB. Made in a child process (initialise-data-dir.ts), it is gone with it.
		const newFolder = mkdtempSync(join(tmpdir(), 'rewind-process-new-'));
		try {
			const server = await start({ REWIND_DATA_DIR: newFolder });
			expect((await call(server, 'GET', '/api/health')).status).toBe(200);
			expect(residentMiB(server.child.pid!)).toBeLessThan(560);
		} finally {
			await Promise.all(running.splice(0).map((server) => server.stop('SIGKILL')));
			rmSync(newFolder, { recursive: true, force: true });
		}
	}, 60_000);
});

const databaseUrl = process.env.TEST_DATABASE_URL?.trim();

// Registered only with a PostgreSQL to run on: a PGlite-only run shows nothing skipped.
if (databaseUrl) {
	describe('two server processes on one PostgreSQL', () => {
		const schema = `rewind_test_${crypto.randomUUID().replaceAll('-', '')}`;
		const admin = new pg.Client({ connectionString: databaseUrl });

		beforeAll(async () => {
			await admin.connect();
			await admin.query(`CREATE SCHEMA ${schema}`);
		});

		afterAll(async () => {
			await admin.query(`DROP SCHEMA ${schema} CASCADE`);
			await admin.end();
		});

		it('wakes a live listener on one process with a push to the other', async () => {
			const url = new URL(databaseUrl);
			url.searchParams.set('search_path', schema);
			const env = { DATABASE_URL: url.toString() };
			const [one, two] = await Promise.all([start(env), start(env)]);

			const signup = await call(one, 'POST', '/api/auth/signup', undefined, {
				workspace: `ws-${crypto.randomUUID()}`,
				name: 'ada',
				password: PASSWORD
			});
			const token = signup.body.token!;

			const live = await fetch(`${two.url}/api/sync/live`, {
				headers: { authorization: `Bearer ${token}` }
			});
			expect(live.status).toBe(200);
			const reader = live.body!.getReader();
			const decoder = new TextDecoder();
			let received = '';
			const readUntil = async (pattern: RegExp) => {
				while (!pattern.test(received)) {
					const { done, value } = await reader.read();
					if (done) throw new Error(`live ended after: ${received}`);
					received += decoder.decode(value, { stream: true });
				}
			};
			await readUntil(/data: \{"head":0\}\n\n/);

			const pushed = await call(one, 'POST', '/api/sync/push', token, {
				deviceId: 'device-1',
				events: [rewoundEvent('order-rec-1', 1)]
			});
			expect(pushed.status).toBe(200);
			await readUntil(new RegExp(`data: \\{"head":${pushed.body.head!}\\}\\n\\n`));
			await reader.cancel();
		}, 60_000);
	});
}
