import { request, type Agent } from 'node:http';

export interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	/** Whether the request went over a connection an earlier request had used. */
	reusedSocket: boolean;
}

export interface RawRequest {
	method: string;
	path: string;
	headers?: Record<string, string>;
	/** Sent chunked (no Content-Length): `chunkedBytes` of JSON string content. */
	chunkedBytes?: number;
	body?: string;
	agent?: Agent;
}

/**
 * One request over node:http, which sends exactly what it is told (a chunked body of any
 * size, HEAD, OPTIONS), unlike fetch. Resolves with the answer, even while the body is still
 * being sent; rejects when the connection fails.
 */
export function rawRequest(baseUrl: string, options: RawRequest): Promise<RawResponse> {
	const url = new URL(options.path, baseUrl);
	return new Promise((resolve, reject) => {
		const req = request(url, {
			method: options.method,
			agent: options.agent,
			headers: {
				...(options.chunkedBytes !== undefined
					? { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }
					: {}),
				...options.headers
			}
		});
		req.on('response', (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (text += chunk));
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					headers: res.headers,
					text,
					reusedSocket: req.reusedSocket
				})
			);
		});
		req.on('error', reject);
		if (options.chunkedBytes === undefined) {
			req.end(options.body);
			return;
		}
		// A JSON string of spaces, 64 KiB a chunk, written as fast as the connection takes it.
		const chunk = Buffer.alloc(64 * 1024, 0x20);
		let sent = 0;
		const total = options.chunkedBytes;
		req.write('"');
		const write = () => {
			while (sent < total && !req.destroyed) {
				sent += chunk.byteLength;
				if (!req.write(chunk)) {
					req.once('drain', write);
					return;
				}
			}
			req.end('"');
		};
		write();
	});
}
