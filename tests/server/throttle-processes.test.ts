import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	buildServerEntry,
	removeServerEntry,
	startServerProcess,
	type ServerProcess
} from './server-process';
import { call, PASSWORD } from './wire';

const databaseUrl = process.env.TEST_DATABASE_URL?.trim();

// Registered only with a PostgreSQL to run on (a PGlite folder has one process): a PGlite-only
// run shows nothing skipped.
if (databaseUrl) {
	describe('limits across two server processes on one PostgreSQL', { timeout: 60_000 }, () => {
		const schema = `rewind_test_${crypto.randomUUID().replaceAll('-', '')}`;
		const admin = new pg.Client({ connectionString: databaseUrl });
		let one: ServerProcess;
		let two: ServerProcess;

		beforeAll(async () => {
			await buildServerEntry();
			await admin.connect();
			await admin.query(`CREATE SCHEMA ${schema}`);
			const url = new URL(databaseUrl);
			url.searchParams.set('search_path', schema);
			const env = {
				DATABASE_URL: url.toString(),
				REWIND_RATE_LIMIT: '4',
				REWIND_SIGNUP_LIMIT: '3'
			};
			// One after the other: both would migrate at once otherwise (safe, but slower).
			one = await startServerProcess(env);
			two = await startServerProcess(env);
		}, 120_000);

		afterAll(async () => {
			await Promise.all([one?.stop('SIGKILL'), two?.stop('SIGKILL')]);
			await admin.query(`DROP SCHEMA ${schema} CASCADE`);
			await admin.end();
			removeServerEntry();
		});

		const signup = (server: ServerProcess, workspace = `ws-${crypto.randomUUID()}`) =>
			call(server.url, 'POST', '/api/auth/signup', undefined, {
				workspace,
				name: 'ada',
				password: PASSWORD
			});
		const login = (server: ServerProcess, workspace: string, password: string) =>
			call(server.url, 'POST', '/api/auth/login', undefined, { workspace, name: 'ada', password });

		let guessed: string;
		let limited: string;

		it('count sign-ups from one address together', async () => {
			guessed = `ws-${crypto.randomUUID()}`;
			limited = `ws-${crypto.randomUUID()}`;
			const statuses = [
				await signup(one, guessed),
				await signup(two, limited),
				await signup(one),
				await signup(two)
			].map((answer) => answer.status);
			expect(statuses).toEqual([201, 201, 201, 429]);
			const refused = await signup(one);
			expect(refused.status).toBe(429);
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
		});

		it('count sign-in failures together, even sent at once', async () => {
			// Each attempt counts before its password is checked: of eight at once, the three free
			// ones and the one that starts the wait are checked, the rest refused, whichever process
			// they reach. Limits per process would check all eight.
			const answers = await Promise.all(
				[one, two, one, two, one, two, one, two].map((server) => login(server, guessed, 'wrong'))
			);
			const statuses = answers.map((answer) => answer.status).sort();
			expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429, 429]);
			const refused = answers.find((answer) => answer.status === 429)!;
			expect(refused.body.error).toBe('rate_limited');
			// 1 s from the fourth failure; a refused request that read the clock before that one
			// started rounds up to 2.
			expect(['1', '2']).toContain(refused.headers.get('retry-after'));
		});

		it("hold a person's request limit over their tokens on both", async () => {
			const signedIn = await login(two, limited, PASSWORD);
			expect(signedIn.status).toBe(200);
			const other = signedIn.body.token!;
			const first = await login(one, limited, PASSWORD);
			const firstToken = first.body.token!;
			const pull = (server: ServerProcess, token: string) =>
				call(server.url, 'GET', '/api/sync/pull?after=0', token);
			const statuses = [
				await pull(one, firstToken),
				await pull(two, other),
				await pull(one, other),
				await pull(two, firstToken)
			].map((answer) => answer.status);
			expect(statuses).toEqual([200, 200, 200, 200]);
			const refused = await pull(one, other);
			expect(refused.status).toBe(429);
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(14);
			expect((await pull(two, firstToken)).status).toBe(429);
		});
	});
}
