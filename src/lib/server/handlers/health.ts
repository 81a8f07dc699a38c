import { describeDatabaseError } from '../db/is-database-unavailable';
import { jsonResponse } from '../http/json-response';
import type { Handler } from '../server-context';

/**
 * `GET /api/health` → 200 `{status: "ok", database}` when the database answers, else 503 with
 * `database: "unavailable"` and `Retry-After`. For load balancers and operators, who need no
 * token: it says nothing about any workspace (no head, no counts).
 */
export const handleHealth: Handler = async (context) => {
	try {
		await context.db.query('SELECT 1');
	} catch (error) {
		context.logger.warn(
			`health check: the database did not answer: ${describeDatabaseError(error)}`
		);
		return jsonResponse(
			{
				error: 'unavailable',
				message: 'The server cannot reach its database right now.',
				status: 'unavailable',
				database: 'unavailable'
			},
			503,
			{ 'retry-after': '2' }
		);
	}
	return jsonResponse({ status: 'ok', database: context.db.kind });
};
