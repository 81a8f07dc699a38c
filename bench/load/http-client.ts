import { Agent, request } from 'node:http';

export interface JsonAnswer {
	status: number;
	/** Seconds, from `Retry-After`, when the server sent one. */
	retryAfter?: number;
	body: unknown;
}

// One keep-alive agent for every device: node:http costs the generator less CPU than fetch,
// and the generator shares the machine with the server it measures.
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

/** One JSON request over a kept-alive connection; rejects only when there is no answer. */
export function requestJson(
	url: string,
	method: string,
	token?: string,
	json?: unknown
): Promise<JsonAnswer> {
	const body = json === undefined ? undefined : JSON.stringify(json);
	return new Promise((resolve, reject) => {
		const req = request(
			url,
			{
				method,
				agent,
				headers: {
					...(token ? { authorization: `Bearer ${token}` } : {}),
					...(body === undefined
						? {}
						: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
				}
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('error', reject);
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let parsed: unknown = text;
					try {
						parsed = text ? JSON.parse(text) : undefined;
					} catch {
						// Not JSON: kept as text for the error report.
					}
					const retryAfter = Number(res.headers['retry-after']);
					resolve({
						status: res.statusCode ?? 0,
						...(Number.isFinite(retryAfter) ? { retryAfter } : {}),
						body: parsed
					});
				});
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

/** Closes the idle kept-alive connections, so the process can end. */
export function closeConnections(): void {
	agent.destroy();
}
