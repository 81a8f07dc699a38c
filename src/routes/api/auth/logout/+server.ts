import type { RequestHandler } from './$types';
import { handleAppRequest } from '$lib/server/app-server';

/** Revokes the caller's token. */
export const POST = (({ request }) => handleAppRequest('logout', request)) satisfies RequestHandler;
