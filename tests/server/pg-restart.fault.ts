// A PostgreSQL restart under load. It stops the whole cluster for a moment, so it runs on its
// own after the other suites (`npm run test:pg-restart`, called by .ci/run), never beside them.
import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullAll, readLiveUntil, startPushers } from './load';
import {
	buildServerEntry,
	removeServerEntry,
	startServerProcess,
	type ServerProcess
} from './server-process';
import { call, rewoundEvent, signup } from './wire';

const databaseUrl = process.env.TEST_DATABASE_URL?.trim();
const restartCommand = process.env.PG_RESTART_COMMAND?.trim();
if (!databaseUrl || !restartCommand) {
	throw new Error(
		'Set TEST_DATABASE_URL and PG_RESTART_COMMAND (e.g. "pg_ctlcluster --skip-systemctl-redirect 15 main restart").'
	);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a server process on PostgreSQL through a restart of the cluster', () => {
	const schema = `rewind_restart_${crypto.randomUUID().replaceAll('-', '')}`;
	let server: ServerProcess | undefined;

	const admin = async (sql: string) => {
		const client = new pg.Client({ connectionString: databaseUrl });
		await client.connect();
		try {
			await client.query(sql);
		} finally {
			await client.end();
		}
	};

	beforeAll(async () => {
		await buildServerEntry();
		await admin(`CREATE SCHEMA ${schema}`);
	}, 60_000);

	afterAll(async () => {
		if (server && server.child.exitCode !== null) console.error(server.stderr());
		await server?.stop('SIGKILL');
		await admin(`DROP SCHEMA ${schema} CASCADE`);
		removeServerEntry();
	});

	it('stays up, answers 503 while the database is down, resumes by itself, and keeps every acknowledged event once', async () => {
		const url = new URL(databaseUrl);
		url.searchParams.set('search_path', schema);
		server = await startServerProcess({ DATABASE_URL: url.toString(), REWIND_RATE_LIMIT: '0' });
		const baseUrl = server.url;
		const token = await signup(baseUrl);
		const pushers = startPushers(baseUrl, token, 8);
		await sleep(1_000);

		// Not execSync: the clients keep running (and keep their connections fresh) meanwhile.
		await promisify(exec)(restartCommand);
		const restarted = Date.now();
		for (;;) {
			if ((await call(baseUrl, 'GET', '/api/health')).status === 200) break;
			expect(Date.now() - restarted).toBeLessThan(15_000);
			await sleep(100);
		}
		const acknowledgedBefore = pushers.acknowledged.size;
		while (pushers.acknowledged.size < acknowledgedBefore + 40) await sleep(100);
		const outcome = await pushers.stop();

		expect(server.child.exitCode).toBeNull();
		expect(outcome.unexpected).toEqual([]);
		expect(outcome.unavailableWithoutRetryAfter).toBe(0);

		// The listening connection came back: a push reaches a live stream.
		const live = await fetch(`${baseUrl}/api/sync/live`, {
			headers: { authorization: `Bearer ${token}` }
		});
		const reader = live.body!.getReader();
		await readLiveUntil(reader, /data: \{"head":\d+\}\n\n/);
		const pushed = await call(baseUrl, 'POST', '/api/sync/push', token, {
			deviceId: 'device-1',
			events: [rewoundEvent(`order-after-${crypto.randomUUID()}`, 1)]
		});
		expect(pushed.status).toBe(200);
		outcome.acknowledged.add(pushed.body.accepted![0]!.eventId);
		await readLiveUntil(reader, new RegExp(`data: \\{"head":${pushed.body.head!}\\}\\n\\n`));
		await reader.cancel();

		const pulled = await pullAll(baseUrl, token);
		expect(new Set(pulled).size).toBe(pulled.length);
		expect(new Set(pulled)).toEqual(outcome.acknowledged);
	}, 120_000);
});
