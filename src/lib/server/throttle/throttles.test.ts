import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Passwords from '../auth/passwords';
import type { Database } from '../db/database';
import { openPostgresDatabase } from '../db/postgres-database';
import { silentLogger } from '../logger';
import { startSyncServer, type SyncServer, type SyncServerOptions } from '../sync-server';
import { TestClient, testBackends, type TestBackend } from '../testing';
import { testRegistry } from '../../testing';
import { LOGIN_THROTTLE } from './login-throttle';

// Counts password checks, to see that a refused login runs no scrypt at all.
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock('../auth/passwords', async (importOriginal) => {
	const original = await importOriginal<typeof Passwords>();
	return {
		...original,
		verifyPassword: (password: string, stored: string) => {
			checks.count++;
			return original.verifyPassword(password, stored);
		}
	};
});

const PASSWORD = 'correct horse battery';
const DAY = 24 * 60 * 60 * 1000;

/** A clock the tests move by hand: delays are waited out without sleeping. */
let clock = Date.parse('2030-01-01T00:00:00Z');
const now = () => new Date(clock);

function randomAddress(): string {
	const byte = () => Math.floor(Math.random() * 256);
	return `10.${byte()}.${byte()}.${byte()}`;
}

interface Answer {
	status: number;
	retryAfter: number | undefined;
	error: string | undefined;
}

/** A request from `address`, as the SvelteKit route hands it over (none: an in-process call). */
async function send(
	server: SyncServer,
	path: string,
	json: unknown,
	address?: string
): Promise<Answer> {
	const response = await server.handle(
		new Request(`http://rewind.test${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(json)
		}),
		address === undefined ? undefined : { clientAddress: address }
	);
	const body = (await response.json()) as { error?: string };
	const retryAfter = response.headers.get('retry-after');
	return {
		status: response.status,
		retryAfter: retryAfter === null ? undefined : Number(retryAfter),
		error: body.error
	};
}

interface Account {
	workspace: string;
	name: string;
}

function login(server: SyncServer, account: Account, password: string, address?: string) {
	return send(server, '/api/auth/login', { ...account, password }, address);
}

async function newAccount(server: SyncServer): Promise<Account> {
	const workspace = `ws-${crypto.randomUUID()}`;
	await new TestClient(server).signup(workspace, 'ada');
	return { workspace, name: 'ada' };
}

/** A name nobody has: wrong logins for it are checked (and throttled) like any other. */
function nobody(): Account {
	return { workspace: `ws-${crypto.randomUUID()}`, name: 'nobody' };
}

function start(database: Database, options: Partial<SyncServerOptions> = {}) {
	return startSyncServer({
		database,
		registry: testRegistry,
		logger: silentLogger,
		now,
		heartbeatMs: 50,
		...options
	});
}

/**
 * Two databases over one store: for PGlite the same one (a data folder has one process), for
 * PostgreSQL two pools on one schema, as two server processes have.
 */
async function openTwice(backend: TestBackend): Promise<[Database, Database, () => Promise<void>]> {
	const url = process.env.TEST_DATABASE_URL?.trim();
	if (backend.kind === 'pglite' || !url) {
		const db = await backend.open();
		return [db, { ...db, close: async () => {} }, () => db.close()];
	}
	const schema = `rewind_test_${crypto.randomUUID().replaceAll('-', '')}`;
	const admin = new pg.Client({ connectionString: url });
	await admin.connect();
	await admin.query(`CREATE SCHEMA ${schema}`);
	const one = await openPostgresDatabase(url, { schema, logger: silentLogger });
	const two = await openPostgresDatabase(url, { schema, logger: silentLogger });
	return [
		one,
		two,
		async () => {
			await admin.query(`DROP SCHEMA ${schema} CASCADE`);
			await admin.end();
		}
	];
}

describe.each(testBackends())('throttles on $kind', { timeout: 60_000 }, (backend) => {
	describe('login and signup with the default delays', () => {
		let server: SyncServer;
		beforeAll(async () => {
			server = await start(await backend.open(), {
				rateLimit: false,
				signupLimit: { requests: 3, windowMs: 60 * 60_000 }
			});
		}, 60_000);
		afterAll(async () => {
			await server?.close();
		});

		it('makes one account from one address wait longer after each failure, before checking the password', async () => {
			const account = await newAccount(server);
			const address = randomAddress();
			const first: number[] = [];
			for (let i = 0; i < 4; i++)
				first.push((await login(server, account, 'wrong', address)).status);
			expect(first).toEqual([401, 401, 401, 401]);

			for (const wait of [1, 2, 4, 8]) {
				const refused = await login(server, account, 'wrong', address);
				expect(refused).toEqual({ status: 429, retryAfter: wait, error: 'rate_limited' });
				// The right password is refused too while waiting: nothing is checked (no scrypt).
				const checked = checks.count;
				expect((await login(server, account, PASSWORD, address)).status).toBe(429);
				expect(checks.count).toBe(checked);
				clock += (wait - 1) * 1000;
				expect((await login(server, account, 'wrong', address)).retryAfter).toBe(1);
				clock += 1000;
				expect((await login(server, account, 'wrong', address)).status).toBe(401);
			}
		});

		it('keeps the real person, from another address, and other accounts from the same one, signing in', async () => {
			const victim = await newAccount(server);
			const other = await newAccount(server);
			const attacker = randomAddress();
			for (let i = 0; i < 4; i++) await login(server, victim, 'guess', attacker);
			expect((await login(server, victim, PASSWORD, attacker)).status).toBe(429);

			expect((await login(server, victim, PASSWORD, randomAddress())).status).toBe(200);
			expect((await login(server, other, PASSWORD, attacker)).status).toBe(200);
		});

		it('starts afresh after a success', async () => {
			const account = await newAccount(server);
			const address = randomAddress();
			for (let i = 0; i < 4; i++) await login(server, account, 'typo', address);
			expect((await login(server, account, 'typo', address)).retryAfter).toBe(1);
			clock += 1000;
			expect((await login(server, account, PASSWORD, address)).status).toBe(200);

			const after: number[] = [];
			for (let i = 0; i < 4; i++)
				after.push((await login(server, account, 'typo', address)).status);
			expect(after).toEqual([401, 401, 401, 401]);
			expect((await login(server, account, 'typo', address)).retryAfter).toBe(1);
		});

		it('slows one address trying many accounts, and only that address', async () => {
			const sprayer = randomAddress();
			const { free } = LOGIN_THROTTLE.address;
			const statuses = new Set<number>();
			for (let i = 0; i <= free; i++)
				statuses.add((await login(server, nobody(), 'pw', sprayer)).status);
			expect([...statuses]).toEqual([401]);
			expect(await login(server, nobody(), 'pw', sprayer)).toMatchObject({
				status: 429,
				retryAfter: 1
			});
			expect((await login(server, nobody(), 'pw', randomAddress())).status).toBe(401);
		});

		it('limits sign-ups per address: workspaces and users alike', async () => {
			const address = randomAddress();
			const created: number[] = [];
			for (let i = 0; i < 3; i++) {
				const signup = { workspace: `ws-${crypto.randomUUID()}`, name: 'ada', password: PASSWORD };
				created.push((await send(server, '/api/auth/signup', signup, address)).status);
			}
			expect(created).toEqual([201, 201, 201]);
			const refused = await send(
				server,
				'/api/auth/signup',
				{ workspace: `ws-${crypto.randomUUID()}`, name: 'ada', password: PASSWORD },
				address
			);
			expect(refused).toEqual({ status: 429, retryAfter: 20 * 60, error: 'rate_limited' });
			const elsewhere = await send(
				server,
				'/api/auth/signup',
				{ workspace: `ws-${crypto.randomUUID()}`, name: 'ada', password: PASSWORD },
				randomAddress()
			);
			expect(elsewhere.status).toBe(201);
			clock += 20 * 60 * 1000;
			const later = await send(
				server,
				'/api/auth/signup',
				{ workspace: `ws-${crypto.randomUUID()}`, name: 'ada', password: PASSWORD },
				address
			);
			expect(later.status).toBe(201);
		});
	});

	describe('many addresses guessing one account', () => {
		let server: SyncServer;
		// The default's shape with fewer free failures, so the test runs a handful of scrypts.
		const account = { free: 5, firstMs: 1000, maxMs: 60_000, forgetMs: DAY };
		beforeAll(async () => {
			server = await start(await backend.open(), {
				rateLimit: false,
				loginThrottle: { ...LOGIN_THROTTLE, account }
			});
		}, 60_000);
		afterAll(async () => {
			await server?.close();
		});

		it('are slowed to one guess a minute at most, and the owner waits at most that, or not at all where they signed in before', async () => {
			const victim = await newAccount(server);
			const home = randomAddress();
			expect((await login(server, victim, PASSWORD, home)).status).toBe(200);

			const waits: number[] = [];
			for (let guess = 0; guess < 20; guess++) {
				const answer = await login(server, victim, 'guess', randomAddress());
				if (answer.status === 429) {
					waits.push(answer.retryAfter!);
					clock += answer.retryAfter! * 1000;
				} else {
					expect(answer.status).toBe(401);
				}
			}
			expect(Math.max(...waits)).toBe(60);
			expect(waits.slice(0, 6)).toEqual([1, 2, 4, 8, 16, 32]);

			// The account is waiting now: from a new address the owner waits at most the cap…
			const traveller = randomAddress();
			const refused = await login(server, victim, PASSWORD, traveller);
			expect(refused.status).toBe(429);
			expect(refused.retryAfter).toBeLessThanOrEqual(60);
			// …and from home not at all.
			expect((await login(server, victim, PASSWORD, home)).status).toBe(200);
			clock += refused.retryAfter! * 1000;
			expect((await login(server, victim, PASSWORD, traveller)).status).toBe(200);
		});
	});

	describe('two servers on one database', () => {
		let one: SyncServer;
		let two: SyncServer;
		let cleanUp: () => Promise<void>;
		beforeAll(async () => {
			const [a, b, drop] = await openTwice(backend);
			cleanUp = drop;
			const options = { rateLimit: { requests: 4, windowMs: 60_000 } };
			one = await start(a, options);
			two = await start(b, options);
		}, 60_000);
		afterAll(async () => {
			await two?.close();
			await one?.close();
			await cleanUp?.();
		});

		it('share the sign-in delays', async () => {
			const account = await newAccount(one);
			const address = randomAddress();
			const statuses: number[] = [];
			for (const server of [one, two, one, two, one, two]) {
				statuses.push((await login(server, account, 'wrong', address)).status);
			}
			expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
		});

		it('share the request limit of a person, over all their tokens', async () => {
			const workspace = `ws-${crypto.randomUUID()}`;
			const first = await new TestClient(one).signup(workspace, 'ada');
			// Each login mints another token: the limit is the person's, not the token's.
			const second = await new TestClient(two).request('POST', '/api/auth/login', {
				json: { workspace, name: 'ada', password: PASSWORD }
			});
			const token = second.body.token!;
			const stranger = await new TestClient(two).signup();

			const statuses: number[] = [];
			for (const [server, t] of [
				[one, first.token],
				[two, token],
				[one, token],
				[two, first.token]
			] as const) {
				statuses.push((await new TestClient(server).pull(t)).status);
			}
			expect(statuses).toEqual([200, 200, 200, 200]);
			const refused = await new TestClient(two).pull(token);
			expect(refused.status).toBe(429);
			expect(refused.headers.get('retry-after')).toBe('15');
			expect(refused.body.error).toBe('rate_limited');
			expect((await new TestClient(one).pull(first.token)).status).toBe(429);
			// Someone else's requests are their own.
			expect((await new TestClient(one).pull(stranger.token)).status).toBe(200);
			clock += 15_000;
			expect((await new TestClient(one).pull(first.token)).status).toBe(200);
		});
	});
});
