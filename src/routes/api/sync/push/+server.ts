import type { RequestHandler } from './$types';
import { handleAppRequest } from '$lib/server/app-server';

/** Stores a batch of events, all or nothing. */
export const POST = (({ request }) => handleAppRequest('push', request)) satisfies RequestHandler;
