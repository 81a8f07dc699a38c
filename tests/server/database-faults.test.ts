import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
	ServerExitedError,
	buildServerEntry,
	removeServerEntry,
	startServerProcess,
	type ServerProcess
} from './server-process';
import { call, rewoundEvent, signup, type WireResponse } from './wire';
import { pullAll, readLiveUntil, startPushers } from './load';

const databaseUrl = process.env.TEST_DATABASE_URL?.trim();
const running: ServerProcess[] = [];

afterEach(async () => {
	await Promise.all(running.splice(0).map((server) => server.stop('SIGKILL')));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000) {
	const deadline = Date.now() + ms;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(100);
	}
}

/** How a process that must not start ends: its exit code and what it printed. */
async function failedStart(env: Record<string, string>): Promise<ServerExitedError> {
	const error = await startServerProcess(env).then(
		(server) => {
			running.push(server);
			return new Error('the server started');
		},
		(reason: unknown) => reason
	);
	expect(error).toBeInstanceOf(ServerExitedError);
	return error as ServerExitedError;
}

describe('a server process whose database cannot be used at start', () => {
	beforeAll(async () => {
		await buildServerEntry();
	}, 60_000);

	afterAll(() => removeServerEntry());

	it('exits with code 1 and one clear line, no stack, when PostgreSQL is unreachable', async () => {
		const exited = await failedStart({
			DATABASE_URL: 'postgres://rewind:rewind@127.0.0.1:1/rewind'
		});
		expect(exited.code).toBe(1);
		expect(exited.stderr.trim().split('\n')).toEqual([
			expect.stringMatching(
				/^\[rewind\] Cannot open PostgreSQL at 127\.0\.0\.1:1\/rewind: .*ECONNREFUSED/
			)
		]);
	}, 60_000);

	it('exits with code 1 and one clear line when the PGlite data folder cannot be created', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'rewind-unusable-'));
		try {
			// A file where a folder should be: refused even to root, unlike file modes.
			writeFileSync(join(dir, 'file'), '');
			const dataDir = join(dir, 'file', 'data');
			const exited = await failedStart({ REWIND_DATA_DIR: dataDir });
			expect(exited.code).toBe(1);
			expect(exited.stderr.trim().split('\n')).toEqual([
				expect.stringMatching(
					new RegExp(`^\\[rewind\\] Cannot open PGlite in ${dataDir}: .*ENOTDIR`)
				)
			]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}, 60_000);
});

// Registered only with a PostgreSQL to run on: a PGlite-only run shows nothing skipped.
if (databaseUrl) {
	describe('a server process on PostgreSQL through database faults', () => {
		// A database of its own (created by .ci/run), since the outage below refuses every new
		// connection to it: the other suites share rewind_test.
		const faultsUrl = new URL(databaseUrl);
		faultsUrl.pathname = '/rewind_faults';
		const schema = `rewind_faults_${crypto.randomUUID().replaceAll('-', '')}`;
		const applicationName = `rewind-faults-${process.pid}`;
		const admin = new pg.Client({ connectionString: faultsUrl.toString() });
		const terminate = () =>
			admin.query(
				`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`,
				[applicationName]
			);

		beforeAll(async () => {
			await buildServerEntry();
			await admin.connect();
			await admin.query(`CREATE SCHEMA ${schema}`);
		}, 60_000);

		afterAll(async () => {
			await admin.query('ALTER DATABASE rewind_faults CONNECTION LIMIT -1');
			await admin.query(`DROP SCHEMA ${schema} CASCADE`);
			await admin.end();
			removeServerEntry();
		});

		it('stays up through terminated connections and an outage, answers 503 with Retry-After, recovers, and keeps every acknowledged event once', async () => {
			const url = new URL(faultsUrl);
			url.searchParams.set('search_path', schema);
			url.searchParams.set('application_name', applicationName);
			const server = await startServerProcess({
				DATABASE_URL: url.toString(),
				REWIND_RATE_LIMIT: '0'
			});
			running.push(server);
			const token = await signup(server.url);
			const pushers = startPushers(server.url, token, 8);
			await sleep(1_000);

			// Connections killed under load, five times over.
			for (let round = 0; round < 5; round++) {
				expect((await terminate()).rowCount).toBeGreaterThan(0);
				await sleep(300);
			}
			await sleep(1_000);

			// An outage: every connection killed, and no new one let in for a while.
			await admin.query('ALTER DATABASE rewind_faults CONNECTION LIMIT 0');
			await terminate();
			const health: WireResponse = await call(server.url, 'GET', '/api/health');
			expect(health.status).toBe(503);
			expect(health.body).toMatchObject({ error: 'unavailable', database: 'unavailable' });
			expect(Number(health.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
			const refused = await call(server.url, 'POST', '/api/sync/push', token, {
				deviceId: 'device-1',
				events: [rewoundEvent(`order-outage-${crypto.randomUUID()}`, 1)]
			});
			expect(refused.status).toBe(503);
			expect(refused.body.error).toBe('unavailable');
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
			await sleep(3_000);
			expect(server.child.exitCode).toBeNull();

			await admin.query('ALTER DATABASE rewind_faults CONNECTION LIMIT -1');
			const restored = Date.now();
			await waitFor('health', async () => {
				const response = await call(server.url, 'GET', '/api/health');
				return response.status === 200 ? response : undefined;
			});
			expect(Date.now() - restored).toBeLessThan(10_000);
			const acknowledgedBefore = pushers.acknowledged.size;
			await waitFor('pushes after the outage', () =>
				Promise.resolve(pushers.acknowledged.size > acknowledgedBefore + 40 ? true : undefined)
			);
			const outcome = await pushers.stop();

			expect(server.child.exitCode).toBeNull();
			expect(outcome.unexpected).toEqual([]);
			expect(outcome.unavailable).toBeGreaterThan(0);
			expect(outcome.unavailableWithoutRetryAfter).toBe(0);

			// The listening connection was killed too: a head reaches a new live stream again.
			const live = await fetch(`${server.url}/api/sync/live`, {
				headers: { authorization: `Bearer ${token}` }
			});
			expect(live.status).toBe(200);
			const reader = live.body!.getReader();
			await readLiveUntil(reader, /data: \{"head":\d+\}\n\n/);
			const pushed = await call(server.url, 'POST', '/api/sync/push', token, {
				deviceId: 'device-1',
				events: [rewoundEvent(`order-after-${crypto.randomUUID()}`, 1)]
			});
			expect(pushed.status).toBe(200);
			outcome.acknowledged.add(pushed.body.accepted![0]!.eventId);
			await readLiveUntil(reader, new RegExp(`data: \\{"head":${pushed.body.head!}\\}\\n\\n`));
			await reader.cancel();

			const pulled = await pullAll(server.url, token);
			expect(new Set(pulled).size).toBe(pulled.length);
			expect(new Set(pulled)).toEqual(outcome.acknowledged);
		}, 120_000);
	});
}
