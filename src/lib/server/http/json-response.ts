/** A JSON response that no cache keeps: everything here is per user and changes. */
export function jsonResponse(
	body: unknown,
	status = 200,
	headers: Record<string, string> = {}
): Response {
	return jsonTextResponse(JSON.stringify(body), status, headers);
}

/** `jsonResponse` of a body that is JSON text already (a pull page the database wrote). */
export function jsonTextResponse(
	json: string,
	status = 200,
	headers: Record<string, string> = {}
): Response {
	return new Response(json, {
		status,
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'no-store',
			...headers
		}
	});
}
