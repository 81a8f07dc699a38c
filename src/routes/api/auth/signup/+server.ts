import type { RequestHandler } from './$types';
import { handleAppRequest } from '$lib/server/app-server';

/** Creates a workspace, or joins one with an invite (docs/protocol.md). */
export const POST = (({ request }) => handleAppRequest('signup', request)) satisfies RequestHandler;
