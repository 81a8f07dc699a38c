import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPgliteDatabase, type Database } from '../../src/lib/server';
import { openPostgresSchema } from '../../src/lib/server/testing';

export interface BenchBackend {
	kind: 'pglite' | 'postgres';
	/** A fresh, empty database (not migrated); closing it throws it away. */
	open(): Promise<Database>;
	/** For `node build`: its `DATABASE_URL`, none for PGlite (a fresh data folder). */
	serverUrl?: string;
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
	return { kind: 'postgres', serverUrl: url, open: () => openPostgresSchema(url, 'rewind_bench') };
}

/** PGlite always; PostgreSQL too when `BENCH_DATABASE_URL` is set. */
export function benchBackends(): BenchBackend[] {
	const url = process.env.BENCH_DATABASE_URL?.trim();
	return url ? [pglite, postgresBackend(url)] : [pglite];
}
