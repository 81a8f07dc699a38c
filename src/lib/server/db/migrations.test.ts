import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, hashSecret } from '../auth';
import { silentLogger } from '../logger';
import { startSyncServer } from '../sync-server';
import { TEST_PASSWORD, TestClient, testBackends } from '../testing';
import { testRegistry } from '../../testing';
import type { Database } from './database';
import { migrate, MIGRATIONS } from './migrations';

describe.each(testBackends())('migrate on $kind', (backend) => {
	// A fresh database (or schema) per test: each starts from before any migration.
	let db: Database;
	beforeEach(async () => {
		db = await backend.open();
	}, 60_000);
	afterEach(async () => {
		await db?.close();
	});

	it('applies every migration once, records it, and is a no-op the second time (also when racing)', async () => {
		expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
		expect(await Promise.all([migrate(db), migrate(db)])).toEqual([[], []]);
		const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
		expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((m) => m.version));
	});

	const workspaceStats = () =>
		db.query(
			`SELECT 1 FROM pg_stats
			WHERE schemaname = current_schema() AND tablename = 'events' AND attname = 'workspace_id'`
		);

	it('migration 2 drops the statistics on events.workspace_id gathered before it, and ANALYZE gathers none', async () => {
		await migrate(db, MIGRATIONS.slice(0, 1));
		await db.query(
			`INSERT INTO events (workspace_id, stream_id, version, event_id, type, schema_version,
				data, metadata, device_id, recorded_at, recorded_by)
			SELECT 'w' || (i % 3), 's' || i, 1, 'e' || i, 't', 1, '{}', '{}', 'd', now(), 'u'
			FROM generate_series(1, 300) AS i`
		);
		await db.query('ANALYZE events');
		expect(await workspaceStats()).toHaveLength(1);

		await migrate(db);
		expect(await workspaceStats()).toEqual([]);
		await db.query('ANALYZE events');
		expect(await workspaceStats()).toEqual([]);
	});

	it('migration 3 on version-2 data: the earliest user of each workspace owns it, sessions get ids, old tokens work', async () => {
		await migrate(db, MIGRATIONS.slice(0, 2));
		const hash = await hashPassword(TEST_PASSWORD);
		await db.query(`INSERT INTO workspaces (id, name) VALUES ('w1', 'One'), ('w2', 'Two')`);
		await db.query(
			`INSERT INTO users (id, workspace_id, name, password_hash, created_at) VALUES
			('u-late', 'w1', 'late', $1::text, '2026-02-01T00:00:00Z'),
			('u-first', 'w1', 'first', $1::text, '2026-01-01T00:00:00Z'),
			('u-mid', 'w1', 'mid', $1::text, '2026-01-15T00:00:00Z'),
			('u-solo', 'w2', 'solo', $1::text, '2026-03-01T00:00:00Z')`,
			[hash]
		);
		const future = new Date(Date.now() + 86_400_000).toISOString();
		await db.query(
			`INSERT INTO sessions (token_hash, user_id, workspace_id, created_at, expires_at) VALUES
			($1::text, 'u-first', 'w1', '2026-01-02T00:00:00Z', $3::timestamptz),
			($2::text, 'u-late', 'w1', '2026-02-02T00:00:00Z', $3::timestamptz)`,
			[hashSecret('token-first'), hashSecret('token-late'), future]
		);
		await db.query(
			`INSERT INTO invites (code_hash, workspace_id, created_by, expires_at)
			VALUES ($1::text, 'w1', 'u-first', $2::timestamptz)`,
			[hashSecret('old-invite'), future]
		);

		expect(await migrate(db)).toEqual(MIGRATIONS.slice(2).map((migration) => migration.version));

		const users = await db.query<{ id: string; role: string; removed_at: unknown }>(
			'SELECT id, role, removed_at FROM users ORDER BY id'
		);
		expect(users).toEqual([
			{ id: 'u-first', role: 'owner', removed_at: null },
			{ id: 'u-late', role: 'member', removed_at: null },
			{ id: 'u-mid', role: 'member', removed_at: null },
			{ id: 'u-solo', role: 'owner', removed_at: null }
		]);
		const sessions = await db.query<{ id: string; same: boolean; revoked_at: unknown }>(
			'SELECT id, last_used_at = created_at AS same, revoked_at FROM sessions'
		);
		expect(sessions).toHaveLength(2);
		expect(new Set(sessions.map((row) => row.id)).size).toBe(2);
		expect(sessions.every((row) => row.id.length > 0 && row.same && row.revoked_at === null)).toBe(
			true
		);
		const [invite] = await db.query<{ role: string }>('SELECT role FROM invites');
		expect(invite?.role).toBe('member');

		// The server runs on the migrated data: old tokens and invites work, with their roles.
		const server = await startSyncServer({
			database: db,
			registry: testRegistry,
			logger: silentLogger,
			rateLimit: false
		});
		const client = new TestClient(server);
		const listed = await client.request('GET', '/api/workspace/members', { token: 'token-first' });
		expect(listed.status).toBe(200);
		expect(listed.body).toMatchObject({ you: { userId: 'u-first', role: 'owner' } });
		expect(
			(await client.request('GET', '/api/auth/sessions', { token: 'token-late' })).status
		).toBe(200);
		const joined = await client.request('POST', '/api/auth/signup', {
			json: { name: 'newcomer', password: TEST_PASSWORD, invite: 'old-invite' }
		});
		expect(joined.status).toBe(201);
		expect(joined.body.role).toBe('member');
		expect((await client.login('One', 'first')).body.role).toBe('owner');
		server.shutdown();
	});
});
