/** Runs one SQL statement with `$1…` parameters; the same text runs on PGlite and PostgreSQL. */
export interface SqlExecutor {
	// A property, not a method: executors are passed around detached from their object.
	query: <Row extends object = Record<string, unknown>>(
		text: string,
		params?: readonly (string | number | null)[],
		options?: QueryOptions
	) => Promise<Row[]>;
}

export interface QueryOptions {
	/**
	 * A read whose rows any caller with the same statement and parameters may see: identical
	 * ones waiting to begin together run once (`SharedReads`). A hint: inside a transaction, or
	 * where an executor does not know it, the statement simply runs. The rows are then shared,
	 * not to be changed.
	 */
	share?: boolean;
}

export type DatabaseKind = 'pglite' | 'postgres';

/**
 * The little the server needs from a database, over both backends. Parameters are strings,
 * numbers or null; JSON travels as text and is cast in SQL (`$1::text::jsonb`), because the two
 * drivers serialise objects bound to a jsonb parameter differently.
 */
export interface Database extends SqlExecutor {
	readonly kind: DatabaseKind;
	/** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
	transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
	/**
	 * Calls `onNotify` with the payload of every NOTIFY on `channel`, from any process on the
	 * database. `onReconnect` runs when the listening connection was lost and is back, since
	 * notifications sent in between are gone. Resolves once listening; returns the way to stop.
	 */
	listen(
		channel: string,
		onNotify: (payload: string) => void,
		onReconnect?: () => void
	): Promise<() => Promise<void>>;
	/** Flushes what must be durable and closes; the database is unusable afterwards. */
	close(): Promise<void>;
}

/** The SQLSTATE of a database error, e.g. `23505` for a unique violation. */
export function sqlStateOf(error: unknown): string | undefined {
	const code = (error as { code?: unknown } | null)?.code;
	return typeof code === 'string' ? code : undefined;
}

export const UNIQUE_VIOLATION = '23505';
