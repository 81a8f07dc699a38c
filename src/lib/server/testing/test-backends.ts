import pg from 'pg';
import type { Database, DatabaseKind } from '../db/database';
import { openPgliteDatabase } from '../db/pglite-database';
import { openPostgresDatabase } from '../db/postgres-database';
import { silentLogger } from '../logger';

export interface TestBackend {
	kind: DatabaseKind;
	/** A fresh, empty database; closing it also throws it away. */
	open(): Promise<Database>;
}

/** A fresh schema on the PostgreSQL at `url`, dropped when the database is closed. */
export async function openPostgresSchema(url: string, prefix = 'rewind_test'): Promise<Database> {
	const schema = `${prefix}_${crypto.randomUUID().replaceAll('-', '')}`;
	const admin = new pg.Client({ connectionString: url });
	await admin.connect();
	try {
		await admin.query(`CREATE SCHEMA ${schema}`);
	} finally {
		await admin.end();
	}
	return droppingSchema(url, schema);
}

/**
 * Two pools on one fresh schema, as two server processes would have: the first drops the
 * schema when closed, so close the second first.
 */
export async function openSharedPostgresSchema(url: string): Promise<[Database, Database]> {
	const first = await openPostgresSchema(url);
	const [{ schema }] = (await first.query<{ schema: string }>(
		'SELECT current_schema() AS schema'
	)) as [{ schema: string }];
	return [first, await openPostgresDatabase(url, { schema, logger: silentLogger })];
}

async function droppingSchema(url: string, schema: string): Promise<Database> {
	const db = await openPostgresDatabase(url, { schema, logger: silentLogger });
	return {
		...db,
		async close() {
			await db.close();
			const dropper = new pg.Client({ connectionString: url });
			await dropper.connect();
			try {
				await dropper.query(`DROP SCHEMA ${schema} CASCADE`);
			} finally {
				await dropper.end();
			}
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
