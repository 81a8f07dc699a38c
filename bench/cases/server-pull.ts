import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventRegistry } from '../../src/lib/events';
import { domainEventTypes } from '../../src/lib/domain';
import { MAX_PULL_LIMIT, type PullResponse, type SessionResponse } from '../../src/lib/protocol';
import {
	openPgliteDatabase,
	openPostgresDatabase,
	silentLogger,
	startSyncServer,
	type Database
} from '../../src/lib/server';
import { TestClient } from '../../src/lib/server/testing';
import { startApp } from '../lib/app-server';
import { measure, type Contestant } from '../lib/measure';
import type { BenchOptions } from '../lib/options';
import { medianOf, ratioTarget, withRatios, type CaseResult } from '../lib/report';
import type { AppDatabase, BenchBackend } from '../server/backends';
import { rawPull } from '../server/raw-pull';
import { seedLog } from '../server/seed-log';

const RAW = 'raw SELECT + JSON.stringify, same pages';
const IN_PROCESS = 'pull, in-process handler';
const HTTP = 'pull, HTTP (node build, loopback)';
const HTTP_BR = 'pull, HTTP, Brotli (Accept-Encoding: br)';

/** High enough that 100 pages × 12 runs never meet the per-person limit, which is still checked. */
const RATE_LIMIT = { requests: 1_000_000, windowMs: 60_000 };

type PageFetcher = (after: number) => Promise<{ status: number; text: string }>;

/** Every page of the log through `fetchPage` until `hasMore` is false; returns the JSON's length. */
async function pullAll(fetchPage: PageFetcher, total: number): Promise<number> {
	let after = 0;
	let events = 0;
	let characters = 0;
	for (;;) {
		const { status, text } = await fetchPage(after);
		if (status !== 200) throw new Error(`pull answered ${status}: ${text.slice(0, 300)}`);
		const page = JSON.parse(text) as PullResponse;
		characters += text.length;
		events += page.events.length;
		after = page.events.at(-1)?.position ?? after;
		if (!page.hasMore) break;
	}
	if (events !== total) throw new Error(`pulled ${events} events, not ${total}`);
	return characters;
}

/**
 * The database `node build` will serve, with a signed-up person and `total` events, seeded
 * before it starts: a PGlite folder belongs to one process at a time. On PostgreSQL it is a
 * fresh schema of its own, as the other contestants' are.
 */
async function seedAppDatabase(
	backend: BenchBackend,
	total: number
): Promise<{ session: SessionResponse; dataDir?: string; appDatabase?: AppDatabase }> {
	const appDatabase = await backend.appDatabase?.();
	const dataDir = appDatabase ? undefined : mkdtempSync(join(tmpdir(), 'rewind-bench-pull-'));
	// `node build` keeps PGlite in the folder's `pglite` (server/db/open-database.ts).
	const database: Database = appDatabase
		? await openPostgresDatabase(appDatabase.url, { logger: silentLogger })
		: await openPgliteDatabase(join(dataDir!, 'pglite'));
	const server = await startSyncServer({
		database,
		registry: createEventRegistry(domainEventTypes),
		logger: silentLogger
	});
	try {
		const session = await new TestClient(server).signup(`bench-pull-${crypto.randomUUID()}`);
		await seedLog(database, session.workspaceId, total);
		return { session, ...(dataDir && { dataDir }), ...(appDatabase && { appDatabase }) };
	} finally {
		await server.close();
	}
}

/** Case 12 on one backend: every page of a large log pulled, vs the same rows selected raw. */
export async function serverPullCase(
	backend: BenchBackend,
	options: BenchOptions
): Promise<CaseResult> {
	const total = options.sizes.pull;
	const limit = MAX_PULL_LIMIT;
	const server = await startSyncServer({
		database: await backend.open(),
		registry: createEventRegistry(domainEventTypes),
		logger: silentLogger,
		rateLimit: RATE_LIMIT
	});
	let cleanUp = async () => {};
	try {
		const client = new TestClient(server);
		const local = await client.signup();
		await seedLog(server.database, local.workspaceId, total);
		const seeded = await seedAppDatabase(backend, total);
		const remote = seeded.session;
		if (seeded.appDatabase) cleanUp = () => seeded.appDatabase!.close();
		const app = await startApp({
			...(seeded.appDatabase && { databaseUrl: seeded.appDatabase.url }),
			...(seeded.dataDir && { dataDir: seeded.dataDir }),
			env: { REWIND_RATE_LIMIT: String(RATE_LIMIT.requests) }
		});
		const sizes = new Map<string, number>();
		try {
			/** A contestant that pulls every page through `fetchPage`, timed. */
			const pulling = (name: string, fetchPage: PageFetcher): Contestant => ({
				name,
				run: async () => {
					const start = performance.now();
					const characters = await pullAll(fetchPage, total);
					const ms = performance.now() - start;
					sizes.set(name, characters);
					return ms;
				}
			});
			const httpPage = async (after: number, encoding: string) => {
				const response = await fetch(`${app.url}/api/sync/pull?after=${after}&limit=${limit}`, {
					headers: { authorization: `Bearer ${remote.token}`, 'accept-encoding': encoding }
				});
				return { status: response.status, text: await response.text() };
			};
			const summaries = await measure(
				[
					{
						name: RAW,
						run: async () => {
							const start = performance.now();
							const read = await rawPull(server.database, local.workspaceId, total, limit);
							const ms = performance.now() - start;
							if (read.events !== total) throw new Error(`raw read ${read.events} of ${total}`);
							sizes.set(RAW, read.characters);
							return ms;
						}
					},
					pulling(IN_PROCESS, async (after) => {
						const response = await server.handle(
							new Request(`http://rewind.bench/api/sync/pull?after=${after}&limit=${limit}`, {
								headers: { authorization: `Bearer ${local.token}` }
							})
						);
						return { status: response.status, text: await response.text() };
					}),
					pulling(HTTP, (after) => httpPage(after, 'identity')),
					pulling(HTTP_BR, (after) => httpPage(after, 'br'))
				],
				{ warmup: options.warmup, runs: options.runs }
			);
			const contestants = withRatios(summaries, 'ms', RAW);
			const raw = medianOf(contestants, RAW);
			const mib = (name: string) => ((sizes.get(name) ?? 0) / 1024 / 1024).toFixed(1);
			return {
				id: 12,
				title: `Server pull, ${total.toLocaleString('en')} events, ${backend.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}`,
				contestants,
				targets: [
					ratioTarget('HTTP pull ≤ 1.5× raw SELECT', medianOf(contestants, HTTP) / raw, 1.5),
					ratioTarget(
						'in-process pull ≤ 1.5× raw SELECT',
						medianOf(contestants, IN_PROCESS) / raw,
						1.5
					)
				],
				notes: [
					`Pages of ${limit} (MAX_PULL_LIMIT), pulled until hasMore is false; the client reads each page's text and JSON.parses it. JSON made: raw ${mib(RAW)} MiB, pull ${mib(HTTP)} MiB (characters).`,
					'The HTTP pull asks for no encoding (Node fetch over http:// does not offer br); the Brotli one asks for br, as browsers do over https, and fetch decodes it: on loopback compression only costs, on a slow link it is about 7× fewer bytes.',
					backend.kind === 'pglite'
						? 'PGlite: raw and in-process share one database in the bench process; node build serves its own folder, seeded before it starts.'
						: 'PostgreSQL from BENCH_DATABASE_URL: a fresh schema each for raw, in-process and node build (seeded before it starts), dropped after.'
				]
			};
		} finally {
			await app.stop();
		}
	} finally {
		await server.close();
		await cleanUp();
	}
}
