import { createEventRegistry } from '../../src/lib/events';
import { domainEventTypes } from '../../src/lib/domain';
import { migrate, silentLogger, startSyncServer } from '../../src/lib/server';
import { TestClient } from '../../src/lib/server/testing';
import type { PushRequest, SessionResponse } from '../../src/lib/protocol';
import { startApp } from '../lib/app-server';
import { measure } from '../lib/measure';
import type { BenchOptions } from '../lib/options';
import { medianOf, ratioTarget, withRatios, type CaseResult } from '../lib/report';
import type { BenchBackend } from '../server/backends';
import { rawInsert } from '../server/raw-insert';
import { wireBatch } from '../server/wire-batch';

const RAW = 'raw multi-row INSERT';
const IN_PROCESS = 'push, in-process handler';
const HTTP = 'push, HTTP (node build, loopback)';

/**
 * Warm-up rounds before the measured ones, in every mode. `node build` starts as a new process
 * for this case, while the in-process handler runs in the bench's own process, whose JIT has
 * already compiled the same validation and append code (seeding, the other backend's case 8):
 * after two pushes the new process was still 20–30 % slower per push than after thirty. A server
 * people push to has been up for far longer; thirty rounds (of every contestant alike, so the
 * three tables stay the same size) measure each at its steady pace.
 */
const WARMUP_ROUNDS = 30;

async function httpSignup(url: string): Promise<SessionResponse> {
	const response = await fetch(`${url}/api/auth/signup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			workspace: `bench-${crypto.randomUUID()}`,
			name: 'ada',
			password: 'correct horse battery'
		})
	});
	if (response.status !== 201)
		throw new Error(`signup: ${response.status} ${await response.text()}`);
	return (await response.json()) as SessionResponse;
}

function check(status: number, body: unknown, size: number): void {
	const accepted = (body as { accepted?: unknown[] }).accepted;
	if (status !== 200 || accepted?.length !== size) {
		throw new Error(`push answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
	}
}

/** Case 8 on one backend: 500-event pushes vs the same rows inserted raw. */
export async function serverPushCase(
	backend: BenchBackend,
	options: BenchOptions
): Promise<CaseResult> {
	const size = options.sizes.pushBatch;
	const rawDb = await backend.open();
	await migrate(rawDb);
	const server = await startSyncServer({
		database: await backend.open(),
		registry: createEventRegistry(domainEventTypes),
		logger: silentLogger
	});
	const appDatabase = await backend.appDatabase?.();
	const app = await startApp(appDatabase ? { databaseUrl: appDatabase.url } : {});
	try {
		const client = new TestClient(server);
		const local = await client.signup();
		const remote = await httpSignup(app.url);
		const summaries = await measure(
			[
				{
					name: RAW,
					run: async () => {
						const events = wireBatch(size);
						const start = performance.now();
						await rawInsert(rawDb, 'workspace-bench', events);
						return performance.now() - start;
					}
				},
				{
					name: IN_PROCESS,
					run: async () => {
						const events = wireBatch(size);
						const start = performance.now();
						const response = await client.push(local.token, events, 'device-bench');
						const ms = performance.now() - start;
						check(response.status, response.body, size);
						return ms;
					}
				},
				{
					name: HTTP,
					run: async () => {
						const events = wireBatch(size);
						const start = performance.now();
						const response = await fetch(`${app.url}/api/sync/push`, {
							method: 'POST',
							headers: {
								'content-type': 'application/json',
								authorization: `Bearer ${remote.token}`
							},
							body: JSON.stringify({ deviceId: 'device-bench', events } satisfies PushRequest)
						});
						const body: unknown = await response.json();
						const ms = performance.now() - start;
						check(response.status, body, size);
						return ms;
					}
				}
			],
			{ warmup: Math.max(options.warmup, WARMUP_ROUNDS), runs: options.runs }
		);
		const contestants = withRatios(summaries, 'ms', RAW);
		const raw = medianOf(contestants, RAW);
		return {
			id: 8,
			title: `Server push, ${size}-event batches, ${backend.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}`,
			contestants,
			targets: [
				ratioTarget(
					'in-process push ≤ 1.3× raw INSERT',
					medianOf(contestants, IN_PROCESS) / raw,
					1.3
				),
				ratioTarget('HTTP push ≤ 1.3× raw INSERT', medianOf(contestants, HTTP) / raw, 1.3)
			],
			notes: [
				backend.kind === 'pglite'
					? 'PGlite in a temporary data folder for all three (node build runs its own in another process); the table grows by one batch per run for each.'
					: 'PostgreSQL from BENCH_DATABASE_URL: a fresh schema each for raw, in-process and node build, dropped after.',
				`${WARMUP_ROUNDS} warm-up rounds of every contestant before the measured ones, so that the new node build process is measured at its steady pace, as the in-process handler is.`,
				"Each push is 50 new order and account streams (versions 1…10), validated by the app's registry; in-process calls the SyncServer handler with a Request, as SvelteKit's +server.ts does."
			]
		};
	} finally {
		await app.stop();
		await appDatabase?.close();
		await server.close();
		await rawDb.close();
	}
}
