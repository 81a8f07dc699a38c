import type { EventRegistry } from '../events';
import type { Caller, SessionCache } from './auth';
import type { StreamKinds } from './handlers/stream-kinds';
import type { Database } from './db/database';
import type { LiveStreams } from './live/live-streams';
import type { Logger } from './logger';
import type { ServerThrottles } from './throttle/server-throttles';
import type { WebhookDeliverer } from './webhooks';

/** What every endpoint handler works with. */
export interface ServerContext {
	db: Database;
	registry: EventRegistry;
	/** Event types that seal their stream's past (`SyncServerOptions.sealedBy`). */
	sealedBy: ReadonlySet<string>;
	/** The event types each stream category holds (`SyncServerOptions.streams`); absent: any. */
	streams?: StreamKinds;
	logger: Logger;
	now: () => Date;
	sessionTtlMs: number;
	inviteTtlMs: number;
	live: LiveStreams;
	/** The caller of a request that needs a token: checks it on every call, then the rate limit. */
	authorize(request: Request): Promise<Caller>;
	/**
	 * The sessions `authorize` checked lately. Whatever changes what a person may do calls
	 * `sessions.forget(userId)` once its change is committed, before it answers.
	 */
	sessions: SessionCache;
	/** The per-person limit, sign-in delays and sign-ups per address; each absent when turned off. */
	throttles: ServerThrottles;
	/** Delivers events to the workspaces' webhooks; endpoints wake it and read its settings. */
	webhooks: WebhookDeliverer;
}

/** The values of a route's `:name` segments, e.g. `{userId}` for `/api/workspace/members/:userId`. */
export type RouteParams = Readonly<Record<string, string>>;

/** What the server knows of a request beyond the request itself. */
export interface ClientInfo {
	/**
	 * Where it came from, as a per-address limit counts it (`addressKey`). None for in-process
	 * calls (tests, tools), which are trusted code and skip the per-address limits.
	 */
	clientAddress?: string;
}

/** A request as the router and the HTTP layer see it, beyond the request itself. */
export interface RouteCall {
	params: RouteParams;
	client: ClientInfo;
}

export type Handler = (
	context: ServerContext,
	request: Request,
	call: RouteCall
) => Promise<Response>;
