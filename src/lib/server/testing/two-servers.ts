import type { Database } from '../db/database';
import { silentLogger } from '../logger';
import { startSyncServer, type SyncServer, type SyncServerOptions } from '../sync-server';
import { testRegistry } from '../../testing';
import { openSharedPostgresSchema, type TestBackend } from './test-backends';

export interface TwoServers {
	first: SyncServer;
	second: SyncServer;
	/** Closes both, and the database once. */
	close(): Promise<void>;
}

/**
 * Two servers on one database, as two processes behind a load balancer: on PostgreSQL each has
 * its own pool and its own LISTEN connection; PGlite is one process's database, shared.
 */
export async function startTwoServers(
	backend: TestBackend,
	options: Omit<SyncServerOptions, 'database' | 'registry'> = {}
): Promise<TwoServers> {
	const url = process.env.TEST_DATABASE_URL?.trim();
	let databases: [Database, Database];
	if (backend.kind === 'postgres' && url) {
		databases = await openSharedPostgresSchema(url);
	} else {
		const db = await backend.open();
		databases = [db, db];
	}
	const start = (database: Database) =>
		startSyncServer({ registry: testRegistry, logger: silentLogger, ...options, database });
	const first = await start(databases[0]);
	const second = await start(databases[1]);
	return {
		first,
		second,
		async close() {
			if (second.database !== first.database) await second.close();
			else second.shutdown();
			await first.close();
		}
	};
}
