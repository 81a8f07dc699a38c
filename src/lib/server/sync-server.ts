import { streamKindsOf } from './handlers/stream-kinds';
import type { EventRegistry } from '../events';
import { HEARTBEAT_INTERVAL_MS } from '../protocol';
import { SessionCache } from './auth';
import type { Database } from './db/database';
import { migrate } from './db/migrations';
import { UnavailableError } from './errors';
import { handleChangePassword } from './handlers/change-password';
import { handleChangeRole } from './handlers/change-role';
import { handleDeleteWebhook } from './handlers/delete-webhook';
import { handleCreateInvite } from './handlers/create-invite';
import { handleListDeadLetters } from './handlers/list-dead-letters';
import { handleListMembers } from './handlers/list-members';
import { handleListSessions } from './handlers/list-sessions';
import { handleListWebhooks } from './handlers/list-webhooks';
import { handleHealth } from './handlers/health';
import { handleLive } from './handlers/live';
import { handleLogin } from './handlers/login';
import { handleLogout } from './handlers/logout';
import { handlePull } from './handlers/pull';
import { handlePush } from './handlers/push';
import { handleRedeliver } from './handlers/redeliver';
import { handleRegisterWebhook } from './handlers/register-webhook';
import { handleRemoveMember } from './handlers/remove-member';
import { handleRevokeSession } from './handlers/revoke-session';
import { handleSeriesPrefix } from './handlers/series-prefix';
import { handleSignup } from './handlers/signup';
import { bearerToken } from './http/bearer-token';
import { errorResponse } from './http/error-response';
import { jsonResponse } from './http/json-response';
import { matchRoute } from './http/match-route';
import { addressKey } from './throttle/client-address';
import { serverThrottles, type ThrottleOptions } from './throttle/server-throttles';
import { HeadFeed } from './live/head-feed';
import { LiveStreams } from './live/live-streams';
import { listenForRevocations } from './live/revocation-feed';
import { consoleLogger, type Logger } from './logger';
import type { ClientInfo, Handler, RouteParams, ServerContext } from './server-context';
import { DEFAULT_WEBHOOK_SETTINGS, WebhookDeliverer, type WebhookSettings } from './webhooks';

const DAY = 24 * 60 * 60 * 1000;

export interface SyncServerOptions extends ThrottleOptions {
	/** Opened by the caller; the server migrates it, and owns it from then on: `close` closes it. */
	database: Database;
	/** The app's event types: every pushed event's data is checked against them. */
	registry: EventRegistry;
	/**
	 * The event types that seal their stream's past (the app's aggregates' `sealedBy`): a pushed
	 * `$Rewound` that would go back past one is refused with 422, as a device refuses to make it.
	 */
	sealedBy?: readonly string[];
	/**
	 * The app's kinds of record: each stream category with the event types its streams hold
	 * (its aggregates' `category` and `eventTypes`). A pushed event on a stream of another
	 * category, or of a type its category does not hold, is refused with 422: a device folding
	 * it would fail for good. `$Rewound` goes on any. Absent: any stream holds any known type.
	 */
	streams?: Readonly<Record<string, readonly string[]>>;
	logger?: Logger;
	now?: () => Date;
	/** How long a token lives. Default 30 days. */
	sessionTtlMs?: number;
	/** How long an invite code can be used. Default 7 days. */
	inviteTtlMs?: number;
	heartbeatMs?: number;
	/** How long a checked session is trusted (`SESSION_CACHE_MS`); 0 checks every request. */
	sessionCacheMs?: number;
	/** How webhooks are delivered; each absent setting has its default (`DEFAULT_WEBHOOK_SETTINGS`). */
	webhooks?: Partial<WebhookSettings>;
}

/**
 * `client` defaults to none: an in-process call, with no address to limit by. `params`: the
 * route's `:name` segments (the router fills them; absent for routes without).
 */
export type Endpoint = (
	request: Request,
	client?: ClientInfo,
	params?: RouteParams
) => Promise<Response>;

export interface SyncServer {
	readonly database: Database;
	/**
	 * Routes a request to its endpoint: 404 for an unknown path, 405 with `Allow` for a wrong
	 * method (both in the contract's JSON); HEAD as GET without a body; OPTIONS with `Allow`.
	 */
	handle: Endpoint;
	readonly endpoints: {
		signup: Endpoint;
		login: Endpoint;
		logout: Endpoint;
		changePassword: Endpoint;
		listSessions: Endpoint;
		revokeSession: Endpoint;
		createInvite: Endpoint;
		listMembers: Endpoint;
		changeRole: Endpoint;
		removeMember: Endpoint;
		listWebhooks: Endpoint;
		registerWebhook: Endpoint;
		deleteWebhook: Endpoint;
		listDeadLetters: Endpoint;
		redeliver: Endpoint;
		seriesPrefix: Endpoint;
		push: Endpoint;
		pull: Endpoint;
		live: Endpoint;
		health: Endpoint;
	};
	/** Stops taking requests (503) and ends the live streams; requests in flight finish. */
	shutdown(): void;
	/**
	 * `shutdown`, waits for requests in flight, stops delivering webhooks (attempts in flight
	 * are aborted and count for nothing), then closes the database.
	 */
	close(): Promise<void>;
}

/**
 * The routes of the wire contract (DESIGN.md, "Sync: the wire contract"); a `:name` segment
 * matches one segment of the path and reaches the endpoint as a parameter.
 */
export const ROUTES = {
	'/api/auth/signup': { POST: 'signup' },
	'/api/auth/login': { POST: 'login' },
	'/api/auth/logout': { POST: 'logout' },
	'/api/auth/password': { POST: 'changePassword' },
	'/api/auth/sessions': { GET: 'listSessions' },
	'/api/auth/sessions/:sessionId': { DELETE: 'revokeSession' },
	'/api/workspace/invites': { POST: 'createInvite' },
	'/api/workspace/members': { GET: 'listMembers' },
	'/api/workspace/members/:userId': { PATCH: 'changeRole', DELETE: 'removeMember' },
	'/api/workspace/webhooks': { GET: 'listWebhooks', POST: 'registerWebhook' },
	'/api/workspace/webhooks/:webhookId': { DELETE: 'deleteWebhook' },
	'/api/workspace/webhooks/:webhookId/dead-letters': { GET: 'listDeadLetters' },
	'/api/workspace/webhooks/:webhookId/redeliver': { POST: 'redeliver' },
	'/api/workspace/series': { POST: 'seriesPrefix' },
	'/api/sync/push': { POST: 'push' },
	'/api/sync/pull': { GET: 'pull' },
	'/api/sync/live': { GET: 'live' },
	'/api/health': { GET: 'health' }
} as const satisfies Record<string, Record<string, keyof SyncServer['endpoints']>>;

/** What a route answers to, for `Allow`: its methods, HEAD with GET, and OPTIONS. */
function allowedMethods(methods: Record<string, string>): string {
	const names = Object.keys(methods);
	if (names.includes('GET')) names.push('HEAD');
	return [...names, 'OPTIONS'].join(', ');
}

/**
 * The sync server as plain `Request → Response` functions: SvelteKit's `+server.ts` files call
 * them, and tests call them in-process with no HTTP server. Runs the migrations first.
 */
export async function startSyncServer(options: SyncServerOptions): Promise<SyncServer> {
	const { database: db, registry } = options;
	const logger = options.logger ?? consoleLogger;
	const now = options.now ?? (() => new Date());
	const applied = await migrate(db);
	if (applied.length > 0) logger.info(`database migrated to version ${applied.at(-1)}`);

	const feed = new HeadFeed();
	await feed.start(db);
	const live = new LiveStreams(feed, options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS);
	const sessions = new SessionCache(options.sessionCacheMs);
	const stopRevocations = await listenForRevocations(db, live, sessions);
	const throttles = serverThrottles(db, options);
	const webhooks = new WebhookDeliverer(
		db,
		{ ...DEFAULT_WEBHOOK_SETTINGS, ...options.webhooks },
		logger,
		now
	);
	webhooks.start(feed);

	const context: ServerContext = {
		db,
		registry,
		sealedBy: new Set(options.sealedBy),
		...(options.streams ? { streams: streamKindsOf(options.streams) } : {}),
		logger,
		now,
		sessionTtlMs: options.sessionTtlMs ?? 30 * DAY,
		inviteTtlMs: options.inviteTtlMs ?? 7 * DAY,
		live,
		sessions,
		async authorize(request) {
			const caller = await sessions.authenticate(db, bearerToken(request), now());
			// Per person, not per token: each login mints a token.
			await throttles.requests?.take(`request:${caller.userId}`, now().getTime());
			return caller;
		},
		throttles,
		webhooks
	};

	let accepting = true;
	let inFlight = 0;
	let idle: (() => void) | undefined;

	function endpoint(name: string, handler: Handler): Endpoint {
		return async (request, client = {}, params = {}) => {
			if (!accepting) {
				return errorResponse(
					new UnavailableError('The server is shutting down; try again in a moment.'),
					logger,
					name
				);
			}
			inFlight++;
			try {
				const address = client.clientAddress;
				return await handler(context, request, {
					params,
					client: address ? { clientAddress: addressKey(address) } : {}
				});
			} catch (error) {
				return errorResponse(error, logger, `${request.method} ${name}`);
			} finally {
				inFlight--;
				if (inFlight === 0) idle?.();
			}
		};
	}

	const endpoints = {
		signup: endpoint('signup', handleSignup),
		login: endpoint('login', handleLogin),
		logout: endpoint('logout', handleLogout),
		changePassword: endpoint('password', handleChangePassword),
		listSessions: endpoint('sessions', handleListSessions),
		revokeSession: endpoint('sessions/:sessionId', handleRevokeSession),
		createInvite: endpoint('invites', handleCreateInvite),
		listMembers: endpoint('members', handleListMembers),
		changeRole: endpoint('members/:userId', handleChangeRole),
		removeMember: endpoint('members/:userId', handleRemoveMember),
		listWebhooks: endpoint('webhooks', handleListWebhooks),
		registerWebhook: endpoint('webhooks', handleRegisterWebhook),
		deleteWebhook: endpoint('webhooks/:webhookId', handleDeleteWebhook),
		listDeadLetters: endpoint('webhooks/:webhookId/dead-letters', handleListDeadLetters),
		redeliver: endpoint('webhooks/:webhookId/redeliver', handleRedeliver),
		seriesPrefix: endpoint('series', handleSeriesPrefix),
		push: endpoint('push', handlePush),
		pull: endpoint('pull', handlePull),
		live: endpoint('live', handleLive),
		health: endpoint('health', handleHealth)
	};

	async function handle(request: Request, client?: ClientInfo): Promise<Response> {
		const path = new URL(request.url).pathname.replace(/\/+$/, '');
		const match = matchRoute<Record<string, keyof typeof endpoints>>(ROUTES, path);
		if (!match) {
			return jsonResponse({ error: 'not_found', message: `There is no endpoint at ${path}.` }, 404);
		}
		const { methods, params } = match;
		const allow = allowedMethods(methods);
		if (request.method === 'OPTIONS') {
			return new Response(null, { status: 204, headers: { allow, 'cache-control': 'no-store' } });
		}
		// HEAD is GET without the body: the endpoint sees the HEAD request (`live` opens no stream).
		const name = methods[request.method === 'HEAD' ? 'GET' : request.method];
		if (!name) {
			return jsonResponse(
				{ error: 'method_not_allowed', message: `${path} takes ${allow}.` },
				405,
				{ allow }
			);
		}
		const response = await endpoints[name](request, client, params);
		if (request.method !== 'HEAD') return response;
		await response.body?.cancel();
		return new Response(null, { status: response.status, headers: response.headers });
	}

	let closing: Promise<void> | undefined;

	function shutdown(): void {
		if (!accepting) return;
		accepting = false;
		live.closeAll();
		// Deliveries in flight are aborted now: the host's close waits for nothing else.
		void webhooks.stop();
	}

	return {
		database: db,
		handle,
		endpoints,
		shutdown,
		close() {
			closing ??= (async () => {
				shutdown();
				if (inFlight > 0) {
					await new Promise<void>((resolve) => {
						idle = resolve;
						setTimeout(resolve, 10_000).unref();
					});
				}
				await webhooks.stop();
				await stopRevocations();
				await feed.stop();
				await db.close();
				logger.info('database closed');
			})();
			return closing;
		}
	};
}
