import { readJsonBody } from './read-json-body';

/**
 * For endpoints that take no input (logout, invites): no body, or an empty one, is fine; a
 * body that is sent must still be JSON of acceptable size, like every other body. (adapter-node
 * drops a body that has no Content-Type, so that is "no body" here too.)
 */
export async function readOptionalJsonBody(request: Request): Promise<unknown> {
	if (!request.headers.has('content-type')) return undefined;
	return readJsonBody(request, { allowEmpty: true });
}
