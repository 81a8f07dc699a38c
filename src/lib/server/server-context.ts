import type { EventRegistry } from '../events';
import type { Caller } from './auth';
import type { Database } from './db/database';
import type { LiveStreams } from './live/live-streams';
import type { Logger } from './logger';

/** What every endpoint handler works with. */
export interface ServerContext {
	db: Database;
	registry: EventRegistry;
	logger: Logger;
	now: () => Date;
	sessionTtlMs: number;
	inviteTtlMs: number;
	live: LiveStreams;
	/** The caller of a request that needs a token: checks it on every call, then the rate limit. */
	authorize(request: Request): Promise<Caller>;
}

/** The values of a route's `:name` segments, e.g. `{userId}` for `/api/workspace/members/:userId`. */
export type RouteParams = Readonly<Record<string, string>>;

export type Handler = (
	context: ServerContext,
	request: Request,
	params: RouteParams
) => Promise<Response>;
