import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../db/database';
import { silentLogger } from '../logger';
import { startSyncServer, type SyncServer } from '../sync-server';
import { TestClient, testBackends } from '../testing';
import { testRegistry } from '../../testing';
import { SessionCache } from './session-cache';

describe.each(testBackends())('SessionCache on $kind', (backend) => {
	let server: SyncServer;
	let client: TestClient;
	beforeAll(async () => {
		server = await startSyncServer({
			database: await backend.open(),
			registry: testRegistry,
			logger: silentLogger,
			rateLimit: false
		});
		client = new TestClient(server);
	}, 60_000);
	afterAll(() => server?.close());

	/** The server's database, counting the statements that reach it. */
	function counting(): SqlExecutor & { count: number } {
		const sql = {
			count: 0,
			query: ((text, params) => {
				sql.count++;
				return server.database.query(text, params);
			}) as SqlExecutor['query']
		};
		return sql;
	}

	it('asks the database once per token until it forgets the person', async () => {
		const ada = await client.signup();
		const bob = await client.signup();
		const cache = new SessionCache(60_000);
		const sql = counting();
		const now = new Date();

		const caller = await cache.authenticate(sql, ada.token, now);
		expect(caller).toMatchObject({ userId: ada.userId, workspaceId: ada.workspaceId });
		expect(await cache.authenticate(sql, ada.token, now)).toEqual(caller);
		await cache.authenticate(sql, bob.token, now);
		expect(sql.count).toBe(2);

		cache.forget(ada.userId);
		expect(await cache.authenticate(sql, ada.token, now)).toEqual(caller);
		expect(await cache.authenticate(sql, bob.token, now)).toMatchObject({ userId: bob.userId });
		expect(sql.count).toBe(3);

		cache.clear();
		await cache.authenticate(sql, bob.token, now);
		expect(sql.count).toBe(4);
	});

	it('keeps nothing that was being looked up while a person was forgotten', async () => {
		const ada = await client.signup();
		const cache = new SessionCache(60_000);
		const sql = counting();
		const now = new Date();
		const lookUp = cache.authenticate(sql, ada.token, now);
		// The lookup may have read the session before the change that made someone forget it.
		cache.forget('someone else');
		await lookUp;
		await cache.authenticate(sql, ada.token, now);
		expect(sql.count).toBe(2);
	});

	it('trusts an entry for its time, and never past the session expiry', async () => {
		const ada = await client.signup();
		const cache = new SessionCache(1_000);
		const sql = counting();
		const now = Date.now();
		await cache.authenticate(sql, ada.token, new Date(now));
		await cache.authenticate(sql, ada.token, new Date(now + 999));
		expect(sql.count).toBe(1);
		await cache.authenticate(sql, ada.token, new Date(now + 1_000));
		expect(sql.count).toBe(2);

		const [row] = await server.database.query<{ expires_at: Date | string }>(
			`SELECT expires_at FROM sessions WHERE user_id = $1::text`,
			[ada.userId]
		);
		const expiresAt = new Date(row!.expires_at).getTime();
		const long = new SessionCache(365 * 24 * 60 * 60_000);
		await long.authenticate(sql, ada.token, new Date(expiresAt - 1));
		await expect(long.authenticate(sql, ada.token, new Date(expiresAt))).rejects.toMatchObject({
			code: 'unauthorized',
			reason: 'expired'
		});
	});

	it('with no time to trust, asks every time; a bad token is never kept', async () => {
		const ada = await client.signup();
		const off = new SessionCache(0);
		const sql = counting();
		await off.authenticate(sql, ada.token, new Date());
		await off.authenticate(sql, ada.token, new Date());
		expect(sql.count).toBe(2);

		const cache = new SessionCache(60_000);
		await expect(cache.authenticate(sql, 'not-a-token', new Date())).rejects.toMatchObject({
			code: 'unauthorized'
		});
		await expect(cache.authenticate(sql, undefined, new Date())).rejects.toMatchObject({
			code: 'unauthorized'
		});
		expect(cache.size).toBe(0);
	});
});
