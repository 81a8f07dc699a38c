import { UnavailableError } from '../errors';
import { jsonResponse } from '../http/json-response';
import type { Handler } from '../server-context';

/**
 * `GET /api/health` → 200 `{status: "ok", database, head}` when the database answers, else 503.
 * For load balancers and operators; `head` is the last position of all workspaces together.
 */
export const handleHealth: Handler = async (context) => {
	let head: number;
	try {
		const [row] = await context.db.query<{ head: string | number }>(
			`SELECT coalesce(max(position), 0) AS head FROM events`
		);
		head = Number(row?.head ?? 0);
	} catch (error) {
		context.logger.error('health check: the database did not answer', error);
		throw new UnavailableError('The database is not reachable.');
	}
	return jsonResponse({
		status: 'ok',
		database: context.db.kind,
		head,
		liveStreams: context.live.size
	});
};
