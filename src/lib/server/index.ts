// The sync server: server-only (SvelteKit keeps `$lib/server` out of client code).
export {
	startSyncServer,
	ROUTES,
	type SyncServer,
	type SyncServerOptions,
	type Endpoint
} from './sync-server';
export { readServerConfig, describeDatabase, type ServerConfig } from './config';
export { openDatabase, type DatabaseConfig } from './db/open-database';
export { openPgliteDatabase } from './db/pglite-database';
export { openPostgresDatabase, type PostgresOptions } from './db/postgres-database';
export { migrate, MIGRATIONS, type Migration } from './db/migrations';
export type { Database, DatabaseKind, QueryOptions, SqlExecutor } from './db/database';
export { consoleLogger, silentLogger, type Logger } from './logger';
export type { RateLimit } from './http/rate-limiter';
export * from './errors';
