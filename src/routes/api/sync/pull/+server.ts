import type { RequestHandler } from './$types';
import { handleAppRequest } from '$lib/server/app-server';

/** A page of the workspace's log after a position. */
export const GET = (({ request }) => handleAppRequest('pull', request)) satisfies RequestHandler;
