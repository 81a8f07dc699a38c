import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPgliteDatabase, type Database } from '../../src/lib/server';
import { openPostgresSchema } from '../../src/lib/server/testing';

export interface BenchBackend {
	kind: 'pglite' | 'postgres';
	/** A fresh, empty database (not migrated); closing it throws it away. */
	open(): Promise<Database>;
	/**
	 * For `node build` on PostgreSQL: a fresh, empty schema of its own and the `DATABASE_URL`
	 * that serves it, so that it reads and writes a table of the same size as the other
	 * contestants' (the database's public schema grows with every run); closing drops it.
	 * None for PGlite, where `node build` gets a fresh data folder.
	 */
	appDatabase?(): Promise<AppDatabase>;
}

export interface AppDatabase {
	url: string;
	close(): Promise<void>;
}

/** A PGlite database in a fresh temporary folder (`prefix`), removed when it is closed. */
export async function openThrowawayPglite(prefix: string): Promise<Database> {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	const db = await openPgliteDatabase(dir);
	return {
		...db,
		async close() {
			await db.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** PGlite in a temporary data folder, as `node build` runs it. */
const pglite: BenchBackend = {
	kind: 'pglite',
	open: () => openThrowawayPglite('rewind-bench-pglite-')
};

/** A fresh schema on `url`, dropped on close. */
function postgresBackend(url: string): BenchBackend {
	return {
		kind: 'postgres',
		open: () => openPostgresSchema(url, 'rewind_bench'),
		appDatabase: () => throwawaySchema(url, 'rewind_bench_app')
	};
}

/**
 * A fresh schema on `url` (named from `prefix`) for servers the bench starts, and its URL with
 * that schema as the `search_path`; dropped on close.
 */
export async function throwawaySchema(url: string, prefix: string): Promise<AppDatabase> {
	const holder = await openPostgresSchema(url, prefix);
	const [{ schema }] = (await holder.query<{ schema: string }>(
		'SELECT current_schema() AS schema'
	)) as [{ schema: string }];
	const withSchema = new URL(url);
	withSchema.searchParams.set('search_path', schema);
	return { url: withSchema.toString(), close: () => holder.close() };
}

/** PGlite always; PostgreSQL too when `BENCH_DATABASE_URL` is set. */
export function benchBackends(): BenchBackend[] {
	const url = process.env.BENCH_DATABASE_URL?.trim();
	return url ? [pglite, postgresBackend(url)] : [pglite];
}
