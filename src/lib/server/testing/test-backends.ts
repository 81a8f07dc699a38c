import postgres from 'postgres';
import type { Database, DatabaseKind } from '../db/database';
import { openPgliteDatabase } from '../db/pglite-database';
import { openPostgresDatabase } from '../db/postgres-database';

export interface TestBackend {
	kind: DatabaseKind;
	/** A fresh, empty database; closing it also throws it away. */
	open(): Promise<Database>;
}

/** A fresh schema on the PostgreSQL at `url`, dropped when the database is closed. */
export async function openPostgresSchema(url: string, prefix = 'rewind_test'): Promise<Database> {
	const schema = `${prefix}_${crypto.randomUUID().replaceAll('-', '')}`;
	const admin = postgres(url, { max: 1, onnotice: () => {} });
	await admin.unsafe(`CREATE SCHEMA ${schema}`);
	const db = await openPostgresDatabase(url, { schema });
	return {
		...db,
		async close() {
			await db.close();
			await admin.unsafe(`DROP SCHEMA ${schema} CASCADE`);
			await admin.end();
		}
	};
}

/**
 * PGlite in memory always; PostgreSQL too when `TEST_DATABASE_URL` is set. An integration
 * suite runs once per backend with `describe.each(testBackends())`.
 */
export function testBackends(env: Record<string, string | undefined> = process.env): TestBackend[] {
	const backends: TestBackend[] = [{ kind: 'pglite', open: () => openPgliteDatabase() }];
	const url = env.TEST_DATABASE_URL?.trim();
	if (url) backends.push({ kind: 'postgres', open: () => openPostgresSchema(url) });
	return backends;
}
