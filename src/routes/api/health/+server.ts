import type { RequestHandler } from './$types';
import { handleAppRequest } from '$lib/server/app-server';

/** Whether the database answers, and the head. */
export const GET = (({ request }) => handleAppRequest('health', request)) satisfies RequestHandler;
