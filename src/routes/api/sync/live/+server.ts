import type { RequestHandler } from './$types';
import { handleAppRequest } from '$lib/server/app-server';

/** Server-Sent Events of the workspace's head. */
export const GET = (({ request }) => handleAppRequest('live', request)) satisfies RequestHandler;
