import { join } from 'node:path';
import { acquireDataDirLock } from './data-dir-lock';
import type { Database } from './database';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';

export type DatabaseConfig =
	| { kind: 'postgres'; url: string; schema?: string }
	| { kind: 'pglite'; dataDir: string }
	| { kind: 'pglite-memory' };

/**
 * Opens the configured backend. A PGlite folder is locked to this process first, and the lock
 * is released only after the database is closed.
 */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
	if (config.kind === 'postgres')
		return openPostgresDatabase(config.url, { schema: config.schema });
	if (config.kind === 'pglite-memory') return openPgliteDatabase();
	const release = acquireDataDirLock(config.dataDir);
	try {
		const db = await openPgliteDatabase(join(config.dataDir, 'pglite'));
		return {
			...db,
			async close() {
				try {
					await db.close();
				} finally {
					release();
				}
			}
		};
	} catch (error) {
		release();
		throw error;
	}
}
