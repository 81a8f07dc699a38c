import type { ClientConfig } from 'pg';

export interface PostgresConnectionOptions {
	/** Puts every table in this schema (it must exist); tests use one fresh schema per file. */
	schema?: string;
}

/**
 * The client settings of a `postgres://` URL. `search_path` may be given as a query parameter
 * (as the earlier driver accepted it); the application name defaults to `rewind`, so an
 * operator can find the server's connections in `pg_stat_activity`.
 */
export function postgresClientConfig(
	url: string,
	options: PostgresConnectionOptions = {}
): ClientConfig {
	const parsed = new URL(url);
	const schema = options.schema ?? parsed.searchParams.get('search_path') ?? undefined;
	const settings = [
		parsed.searchParams.get('options'),
		schema ? `-c search_path=${schema}` : undefined
	].filter((part): part is string => typeof part === 'string' && part !== '');
	parsed.searchParams.delete('search_path');
	parsed.searchParams.delete('options');
	return {
		connectionString: parsed.toString(),
		application_name: parsed.searchParams.get('application_name') ?? 'rewind',
		options: settings.length > 0 ? settings.join(' ') : undefined,
		// A peer that vanished without closing (a failover, a cut cable) is noticed by TCP.
		keepAlive: true,
		keepAliveInitialDelayMillis: 10_000
	};
}
