import type { RequestHandler } from './$types';
import { appServer } from '$lib/app/app-server.server';

/**
 * Every request under /api, whatever its method, goes to the sync server's router (ROUTES in
 * sync-server.ts): one table of the contract's endpoints, with 404 and 405 in its JSON, HEAD
 * and OPTIONS answered the same way everywhere.
 */
/** `/api/sync/push/` is routed like `/api/sync/push` (the router drops the slash), not redirected. */
export const trailingSlash = 'ignore';

export const fallback = (({ request, getClientAddress }) =>
	appServer.handle(request, getClientAddress)) satisfies RequestHandler;
