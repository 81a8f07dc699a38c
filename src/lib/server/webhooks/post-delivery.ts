import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isPrivateAddress } from './private-address';

/** What one POST came to: acknowledged (2xx), or why not. */
export type PostOutcome =
	{ ok: true; status: number } | { ok: false; error: string } | { ok: false; aborted: true };

export interface PostOptions {
	url: URL;
	body: string;
	headers: Record<string, string>;
	timeoutMs: number;
	allowPrivate: boolean;
	/** Aborted when the server shuts down: the attempt then counts for nothing. */
	signal: AbortSignal;
	/** Connections kept open between deliveries (`deliveryAgents`); a new one per request when absent. */
	agents?: DeliveryAgents;
}

export interface DeliveryAgents {
	http: HttpAgent;
	https: HttpsAgent;
	destroy(): void;
}

/**
 * Keep-alive connections for one deliverer, so a backlog does not pay a TLS handshake per
 * event. A kept connection was checked when it was opened; `destroy` closes them on shutdown.
 */
export function deliveryAgents(): DeliveryAgents {
	const http = new HttpAgent({ keepAlive: true, maxSockets: 4 });
	const https = new HttpsAgent({ keepAlive: true, maxSockets: 4 });
	return {
		http,
		https,
		destroy() {
			http.destroy();
			https.destroy();
		}
	};
}

/** The longest answer read (and thrown away): a receiver cannot hold a delivery with a big body. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs a delivery. Every address the host resolves to is checked at connection time, so a
 * name that now points inside the network (DNS rebinding) is refused even though it passed at
 * registration. Only a 2xx that arrived within `timeoutMs` counts as acknowledged; redirects
 * are not followed (they are failures), since a 3xx could point anywhere.
 */
export function postDelivery(options: PostOptions): Promise<PostOutcome> {
	const { url, body, signal } = options;
	if (signal.aborted) return Promise.resolve({ ok: false, aborted: true });
	return new Promise((resolve) => {
		const secure = url.protocol === 'https:';
		const send = secure ? httpsRequest : httpRequest;
		const timeout = AbortSignal.timeout(options.timeoutMs);
		const both = AbortSignal.any([signal, timeout]);
		let settled = false;
		const settle = (outcome: PostOutcome) => {
			if (settled) return;
			settled = true;
			resolve(outcome);
		};
		const requestOptions: RequestOptions = {
			method: 'POST',
			headers: {
				...options.headers,
				'content-type': 'application/json',
				'content-length': String(Buffer.byteLength(body)),
				'user-agent': 'Rewind-Webhooks/1'
			},
			signal: both,
			agent: options.agents ? (secure ? options.agents.https : options.agents.http) : false,
			lookup: options.allowPrivate ? undefined : publicOnlyLookup
		};
		const outgoing = send(url, requestOptions, (answer) => {
			let read = 0;
			answer.on('data', (chunk: Buffer) => {
				read += chunk.length;
				if (read > MAX_ANSWER_BYTES) answer.destroy();
			});
			answer.on('error', () => {});
			const status = answer.statusCode ?? 0;
			answer.on('close', () => {
				if (signal.aborted) return settle({ ok: false, aborted: true });
				if (status >= 200 && status < 300) return settle({ ok: true, status });
				settle({ ok: false, error: `HTTP ${status}` });
			});
		});
		outgoing.on('error', (error) => {
			if (signal.aborted) return settle({ ok: false, aborted: true });
			if (timeout.aborted) {
				return settle({ ok: false, error: `no answer within ${options.timeoutMs} ms` });
			}
			settle({ ok: false, error: error.message || String(error) });
		});
		outgoing.end(body);
	});
}

type LookupCallback = (
	error: NodeJS.ErrnoException | null,
	address: string | LookupAddress[],
	family?: number
) => void;

/** `dns.lookup` that fails when any address it finds is private (see `isPrivateAddress`). */
function publicOnlyLookup(
	hostname: string,
	options: LookupOptions,
	callback: LookupCallback
): void {
	dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
		if (error) return callback(error, []);
		const refused = addresses.find((entry) => isPrivateAddress(entry.address));
		if (refused || addresses.length === 0) {
			const reason = refused ? `${refused.address} is a private address` : 'no address';
			return callback(new Error(`${hostname}: ${reason}; not delivered.`), []);
		}
		if (options.all) return callback(null, addresses);
		const first = addresses[0]!;
		callback(null, first.address, first.family);
	});
}
