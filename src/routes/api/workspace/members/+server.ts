import type { RequestHandler } from './$types';
import { handleAppRequest } from '$lib/server/app-server';

/** The people of the caller's workspace, so devices can show names instead of user ids. */
export const GET = (({ request }) =>
	handleAppRequest('listMembers', request)) satisfies RequestHandler;
