import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
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
});
