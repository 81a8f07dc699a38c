import type { RequestHandler } from './$types';
import { handleAppRequest } from '$lib/server/app-server';

/** Signs in: a new token for a workspace, name and password. */
export const POST = (({ request }) => handleAppRequest('login', request)) satisfies RequestHandler;
