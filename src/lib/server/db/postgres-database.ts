import postgres from 'postgres';
import type { Database, SqlExecutor } from './database';

type Params = readonly (string | number | null)[];

export interface PostgresOptions {
	/** Puts every table in this schema (it must exist); tests use one fresh schema per file. */
	schema?: string;
	/** Connections in the pool. */
	max?: number;
}

function executor(sql: postgres.Sql | postgres.TransactionSql): SqlExecutor {
	return {
		async query<Row extends object>(text: string, params: Params = []) {
			const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
			return rows as unknown as Row[];
		}
	};
}

/**
 * PostgreSQL through the `postgres` package. Any number of server processes can share the
 * database; LISTEN/NOTIFY carries head changes between them.
 */
export async function openPostgresDatabase(
	url: string,
	options: PostgresOptions = {}
): Promise<Database> {
	const sql = postgres(url, {
		max: options.max ?? 10,
		onnotice: () => {},
		connection: options.schema ? { search_path: options.schema } : {}
	});
	// Fail at start, not on the first request, when the database is unreachable.
	await sql`select 1`;
	const direct = executor(sql);
	return {
		kind: 'postgres',
		query: direct.query,
		transaction: (work) => sql.begin((tx) => work(executor(tx))) as Promise<never>,
		async listen(channel, onNotify, onReconnect) {
			let connected = false;
			const listener = await sql.listen(channel, onNotify, () => {
				// The first call is the initial LISTEN; later ones follow a lost connection.
				if (connected) onReconnect?.();
				connected = true;
			});
			return () => listener.unlisten();
		},
		async close() {
			await sql.end({ timeout: 5 });
		}
	};
}
