import type { Database } from '../db/database';
import { silentLogger } from '../logger';
import { startSyncServer, type SyncServer, type SyncServerOptions } from '../sync-server';
import { testRegistry } from '../../testing';

/** A quiet server of the fixture domain on `database`, with no request limit unless asked. */
export function startTestServer(
	database: Database,
	options: Omit<SyncServerOptions, 'database' | 'registry'> = {}
): Promise<SyncServer> {
	return startSyncServer({
		registry: testRegistry,
		logger: silentLogger,
		rateLimit: false,
		...options,
		database
	});
}
