// The sync server of a Node process, started from the environment: an app hands it its event
// registry, so that the server knows no domain.
import type { EventRegistry } from '../events';
import { describeDatabase, readServerConfig } from './config';
import { openDatabase } from './db/open-database';
import type { Database } from './db/database';
import { describeDatabaseError, isDatabaseUnavailable } from './db/is-database-unavailable';
import { ConfigError, DatabaseStartError, DataDirLockedError, UnavailableError } from './errors';
import { errorResponse } from './http/error-response';
import { consoleLogger } from './logger';
import { startSyncServer, type SyncServer } from './sync-server';

// On globalThis so that a hot reload in `vite dev` finds the running server instead of opening
// the data folder a second time.
const KEY = Symbol.for('rewind.appServer');
const slot = globalThis as { [KEY]?: Promise<SyncServer> };

/** The one sync server of this process, as an app's hooks and routes reach it. */
export interface ServerHost {
	/** The server, started on first use from the environment; a failed start is tried again. */
	server(): Promise<SyncServer>;
	/**
	 * Answers one request under /api. When the server cannot start (the database is
	 * unreachable), the answer is a 503 in the contract's shape, and the next request tries
	 * again. `clientAddress` is SvelteKit's `getClientAddress` (adapter-node reads it from
	 * `ADDRESS_HEADER`/`XFF_DEPTH` behind a proxy), for the per-address limits.
	 */
	handle(request: Request, clientAddress?: () => string): Promise<Response>;
	/** Stops taking requests and ends live streams, so the HTTP server can finish closing. */
	shutdown(): Promise<void>;
	/** Stops the server if it was started: for shutdown. */
	close(): Promise<void>;
}

/** What an app hands the server of its domain: its event types, and those that seal. */
export interface AppEvents {
	registry: EventRegistry;
	/** The event types that seal their stream's past (its aggregates' `sealedBy`). */
	sealedBy?: readonly string[];
	/** Each stream category with the event types its streams hold (`SyncServerOptions.streams`). */
	streams?: Readonly<Record<string, readonly string[]>>;
}

/** The process's sync server for an app whose events `app.registry` knows. */
export function serverHost(app: AppEvents): ServerHost {
	const server = (): Promise<SyncServer> =>
		(slot[KEY] ??= startServer(app).catch((error: unknown) => {
			delete slot[KEY];
			throw error;
		}));
	return {
		server,
		handle: (request, clientAddress) => handleApiRequest(server, request, clientAddress),
		async shutdown() {
			const started = slot[KEY];
			if (started) (await started).shutdown();
		},
		async close() {
			const started = slot[KEY];
			if (!started) return;
			await (await started).close();
		}
	};
}

async function startServer({ registry, sealedBy, streams }: AppEvents): Promise<SyncServer> {
	const config = readServerConfig();
	const where = describeDatabase(config.database);
	let database: Database;
	try {
		database = await openDatabase(config.database);
	} catch (error) {
		if (error instanceof DataDirLockedError) throw error;
		throw new DatabaseStartError(`Cannot open ${where}: ${describeDatabaseError(error)}`, {
			cause: error
		});
	}
	try {
		const server = await startSyncServer({
			database,
			registry,
			...(sealedBy ? { sealedBy } : {}),
			...(streams ? { streams } : {}),
			sessionTtlMs: config.sessionTtlMs,
			rateLimit: config.rateLimit,
			signupLimit: config.signupLimit,
			webhooks: config.webhooks,
			logger: consoleLogger
		});
		consoleLogger.info(`sync server ready: ${where}`);
		return server;
	} catch (error) {
		await database.close().catch(() => {});
		if (!isDatabaseUnavailable(error)) throw error;
		throw new DatabaseStartError(`Cannot use ${where}: ${describeDatabaseError(error)}`, {
			cause: error
		});
	}
}

/**
 * The one line to print when the server cannot start for a reason an operator can fix (a
 * setting, a locked or unusable data folder, an unreachable database), or undefined for a bug,
 * whose stack is worth printing.
 */
export function startFailureMessage(error: unknown): string | undefined {
	if (
		error instanceof DataDirLockedError ||
		error instanceof ConfigError ||
		error instanceof DatabaseStartError
	) {
		return `[rewind] ${error.message}`;
	}
	return undefined;
}

async function handleApiRequest(
	server: () => Promise<SyncServer>,
	request: Request,
	clientAddress?: () => string
): Promise<Response> {
	let started: SyncServer;
	try {
		started = await server();
	} catch (error) {
		consoleLogger.warn(`the sync server could not start: ${describeDatabaseError(error)}`);
		return errorResponse(
			new UnavailableError('The server cannot reach its database; try again later.', 5),
			consoleLogger,
			new URL(request.url).pathname
		);
	}
	return started.handle(request, { clientAddress: addressOf(clientAddress) });
}

/**
 * adapter-node throws when `ADDRESS_HEADER` is set and a request lacks it (one that bypassed the
 * proxy): such requests share one address rather than failing.
 */
function addressOf(clientAddress: (() => string) | undefined): string | undefined {
	if (!clientAddress) return undefined;
	try {
		return clientAddress();
	} catch {
		return 'unknown';
	}
}
