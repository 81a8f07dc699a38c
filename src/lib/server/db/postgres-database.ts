// The driver is node-postgres (`pg`), chosen over `postgres` (porsager) in 2026-12 for how each
// survives a lost connection, which DESIGN.md requires to be a pause, never an outage:
// - `postgres` 3.4.x ends the process when a backend is terminated under load: `nextWrite`
//   writes to a socket that `closed()` already set to null, from a setImmediate no caller can
//   catch (porsager/postgres#1066, #1154, #1208; the fixes #1168, #1209 are unmerged, and the
//   3.4.10 of 2026-11-30 still has the bug). Its 4.x is a rewrite released a month ago.
// - `pg` 8.x is maintained (8.23.1, 2026-09), used by most of the ecosystem, and its failure
//   modes are documented and catchable: a lost connection rejects the query in flight and emits
//   'error' on the client and the pool, which the code below listens to. It has LISTEN/NOTIFY
//   but no reconnecting listener, so `PostgresListener` is one.
// The version is pinned exactly in package.json: a driver change is a deliberate change.
import pg from 'pg';
import { consoleLogger, type Logger } from '../logger';
import type { Database, SqlExecutor } from './database';
import { describeDatabaseError, isDatabaseUnavailable } from './is-database-unavailable';
import { postgresClientConfig, type PostgresConnectionOptions } from './postgres-config';
import { PostgresListener } from './postgres-listener';
import { readKey, SharedReads } from './shared-reads';

type Params = readonly (string | number | null)[];

export interface PostgresOptions extends PostgresConnectionOptions {
	/** Connections in the pool. */
	max?: number;
	/** Where connection faults are reported; they are also answered 503 to the request. */
	logger?: Logger;
}

function executor(target: pg.Pool | pg.PoolClient): SqlExecutor {
	return {
		async query<Row extends object>(text: string, params: Params = []) {
			const result = await target.query<Row>(text, params as unknown[]);
			return result.rows;
		}
	};
}

/**
 * PostgreSQL through a pool of `pg` connections. Any number of server processes can share the
 * database; LISTEN/NOTIFY carries head changes between them. A lost connection fails only the
 * queries that were on it; the pool opens new ones as they are needed.
 */
export async function openPostgresDatabase(
	url: string,
	options: PostgresOptions = {}
): Promise<Database> {
	const logger = options.logger ?? consoleLogger;
	const config = postgresClientConfig(url, options);
	const pool = new pg.Pool({
		...config,
		max: options.max ?? 10,
		// Waiting longer for a connection than a client waits for an answer helps no one.
		connectionTimeoutMillis: 10_000
	});
	// An idle connection that breaks is reported here; without a listener the process would end.
	pool.on('error', (error) =>
		logger.warn(`database connection lost: ${describeDatabaseError(error)}`)
	);
	// A checked-out connection reports a fault on itself as well as to its query in flight; the
	// pool's own listener is only attached while the connection is idle.
	pool.on('connect', (client) => client.on('error', () => {}));
	const listeners = new Set<PostgresListener>();

	try {
		// Fail at start, not on the first request, when the database is unreachable.
		await pool.query('SELECT 1');
	} catch (error) {
		await pool.end().catch(() => {});
		throw error;
	}
	const direct = executor(pool);
	const shared = new SharedReads();
	/** A shared read takes its connection first, so that it begins only once it has one. */
	const sharedRead = <Row extends object>(text: string, params: Params) =>
		shared.run(readKey(text, params), async (begin) => {
			const client = await pool.connect();
			begin();
			try {
				const rows = await executor(client).query<Row>(text, params);
				client.release();
				return rows;
			} catch (error) {
				// As pool.query does: a connection that failed a statement is not used again.
				client.release(error as Error);
				throw error;
			}
		});
	return {
		kind: 'postgres',
		query: (text, params = [], options) =>
			options?.share ? sharedRead(text, params) : direct.query(text, params),
		async transaction(work) {
			const client = await pool.connect();
			let broken = false;
			try {
				await client.query('BEGIN');
				const result = await work(executor(client));
				await client.query('COMMIT');
				return result;
			} catch (error) {
				broken = isDatabaseUnavailable(error);
				if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
				throw error;
			} finally {
				// A broken connection is closed, not returned to the pool.
				client.release(broken);
			}
		},
		async listen(channel, onNotify, onReconnect) {
			const listener = new PostgresListener(
				config,
				channel,
				onNotify,
				() => {
					logger.info(`LISTEN ${channel}: reconnected`);
					onReconnect?.();
				},
				(error) =>
					logger.warn(`LISTEN ${channel}: cannot reconnect yet: ${describeDatabaseError(error)}`)
			);
			await listener.start();
			listeners.add(listener);
			return async () => {
				listeners.delete(listener);
				await listener.stop();
			};
		},
		async close() {
			await Promise.all([...listeners].map((listener) => listener.stop()));
			listeners.clear();
			await pool.end();
		}
	};
}
