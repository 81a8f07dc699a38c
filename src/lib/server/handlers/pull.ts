import { pullQuerySchema } from '../../protocol';
import { InvalidRequestError } from '../errors';
import { readEvents } from '../event-log';
import { invalidRequest } from '../http/invalid-request';
import { compressedJsonResponse } from '../http/compressed-json-response';
import type { Handler } from '../server-context';

/**
 * `GET /api/sync/pull?after=&limit=` → 200 `{events, head, hasMore}` of the caller's workspace
 * only; Brotli-compressed when the client accepts `br`.
 */
export const handlePull: Handler = async (context, request) => {
	const caller = await context.authorize(request);
	const params = new URL(request.url).searchParams;
	for (const name of ['after', 'limit']) {
		// `?after=1&after=abc` could mean either: refused, never guessed.
		if (params.getAll(name).length > 1) {
			throw new InvalidRequestError(`The pull query gives ${name} more than once; give it once.`, [
				{ path: [name], message: 'given more than once' }
			]);
		}
	}
	const parsed = pullQuerySchema.safeParse({
		after: params.get('after') ?? undefined,
		limit: params.get('limit') ?? undefined
	});
	if (!parsed.success) throw invalidRequest('The pull query', parsed.error);
	const page = await readEvents(
		context.db,
		caller.workspaceId,
		parsed.data.after,
		parsed.data.limit
	);
	return compressedJsonResponse(page.json, request);
};
