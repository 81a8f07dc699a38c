import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConnections } from '../../bench/load/http-client';
import { LOAD_SERVER_ENV } from '../../bench/load/load-scenarios';
import { runLoad, type LoadReport } from '../../bench/load/run-load';
import { ensureBuiltApp, startBuiltApp, type BuiltApp } from './built-app';

const databaseUrl = process.env.TEST_DATABASE_URL?.trim();

interface Prepared {
	env: Record<string, string>;
	processes: number;
	cleanUp: () => Promise<void>;
}

interface Backend {
	name: string;
	/** Environment of each server process, and how to clean up after them. */
	prepare: () => Promise<Prepared>;
}

const backends: Backend[] = [
	{
		name: 'one process on PGlite',
		prepare() {
			const dir = mkdtempSync(join(tmpdir(), 'rewind-load-test-'));
			return Promise.resolve({
				env: { REWIND_DATA_DIR: dir },
				processes: 1,
				cleanUp: () => Promise.resolve(rmSync(dir, { recursive: true, force: true }))
			});
		}
	}
];
if (databaseUrl) {
	backends.push({
		name: 'two processes sharing PostgreSQL',
		async prepare() {
			const schema = `rewind_test_${crypto.randomUUID().replaceAll('-', '')}`;
			const admin = new pg.Client({ connectionString: databaseUrl });
			await admin.connect();
			await admin.query(`CREATE SCHEMA ${schema}`);
			const url = new URL(databaseUrl);
			url.searchParams.set('search_path', schema);
			return {
				env: { DATABASE_URL: url.toString() },
				processes: 2,
				cleanUp: async () => {
					await admin.query(`DROP SCHEMA ${schema} CASCADE`);
					await admin.end();
				}
			};
		}
	});
}

// The short form of `npm run bench:load`: its delivery checks, on a few devices for seconds.
describe.each(backends)('the load generator, $name', (backend) => {
	const servers: BuiltApp[] = [];
	let cleanUp: () => Promise<void> = async () => {};
	let report: LoadReport;

	beforeAll(async () => {
		ensureBuiltApp();
		const prepared = await backend.prepare();
		cleanUp = prepared.cleanUp;
		// One after the other: the first migrates the database.
		for (let n = 0; n < prepared.processes; n++) {
			servers.push(await startBuiltApp({ ...LOAD_SERVER_ENV, ...prepared.env }));
		}
		report = await runLoad(
			servers.map((server) => ({ url: server.url, pid: server.child.pid! })),
			{ workspaces: 3, devicesPerWorkspace: 4, streams: 40, seconds: 1.5, unloadedPushes: 3 }
		);
	}, 240_000);

	afterAll(async () => {
		await Promise.all(servers.map((server) => server.stop()));
		closeConnections();
		await cleanUp();
	});

	it('has every device pull every acknowledged event of its workspace once, and nothing else', () => {
		expect(report.problems).toEqual([]);
		expect(report.streams).toBe(40);
	});

	it('gets pushes acknowledged in both phases and every push heard on the other devices', () => {
		expect(report.closed.push.count).toBeGreaterThan(0);
		expect(report.open.push.count).toBeGreaterThan(0);
		expect(report.closed.fanOutMissed).toBe(0);
		expect(report.open.fanOutMissed).toBe(0);
		expect(report.errors).toEqual({});
	});

	it('reads the memory of every server process', () => {
		expect(report.memory.peak).toHaveLength(servers.length);
		for (const mib of report.memory.peak) expect(mib).toBeGreaterThan(10);
	});
});
