import { seriesPrefixRequestSchema } from '../../protocol';
import { requireWriter } from '../auth';
import { invalidRequest } from '../http/invalid-request';
import { jsonResponse } from '../http/json-response';
import { readJsonBody } from '../http/read-json-body';
import { assignSeriesPrefix } from '../series/assign-series-prefix';
import type { Handler } from '../server-context';

/**
 * `POST /api/workspace/series {deviceId}` → 200 `{prefix}`: the prefix of the device's series
 * of numbers in the caller's workspace, the same on every call, unique in the workspace.
 * Members and owners (403 for a viewer, who writes no numbers).
 */
export const handleSeriesPrefix: Handler = async (context, request) => {
	const caller = await context.authorize(request);
	requireWriter(caller);
	const parsed = seriesPrefixRequestSchema.safeParse(await readJsonBody(request));
	if (!parsed.success) throw invalidRequest('The series request', parsed.error);
	const { prefix, assigned } = await assignSeriesPrefix(context.db, {
		workspaceId: caller.workspaceId,
		deviceId: parsed.data.deviceId,
		userId: caller.userId
	});
	if (assigned) {
		context.logger.info(
			`series workspace=${caller.workspaceId} device=${JSON.stringify(parsed.data.deviceId)} prefix=${prefix}`
		);
	}
	return jsonResponse({ prefix });
};
