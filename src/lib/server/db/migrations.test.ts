import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../testing';
import type { Database } from './database';
import { migrate, MIGRATIONS } from './migrations';

describe.each(testBackends())('migrate on $kind', (backend) => {
	let db: Database;
	beforeAll(async () => {
		db = await backend.open();
	}, 60_000);
	afterAll(async () => {
		await db?.close();
	});

	it('applies every migration once, records it, and is a no-op the second time (also when racing)', async () => {
		expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
		expect(await Promise.all([migrate(db), migrate(db)])).toEqual([[], []]);
		const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
		expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((m) => m.version));
	});
});
