import type { RequestHandler } from './$types';
import { handleAppRequest } from '$lib/server/app-server';

/** A single-use code to join the caller's workspace. */
export const POST = (({ request }) =>
	handleAppRequest('createInvite', request)) satisfies RequestHandler;
