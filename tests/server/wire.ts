import type { WireEvent } from '../../src/lib/protocol';
import type { TestBody } from '../../src/lib/server/testing';

export const PASSWORD = 'correct horse battery';

export interface WireResponse {
	status: number;
	headers: Headers;
	body: TestBody;
}

/** One JSON request to a server process, as a client sends it. */
export async function call(
	baseUrl: string,
	method: string,
	path: string,
	token?: string,
	json?: unknown
): Promise<WireResponse> {
	const response = await fetch(baseUrl + path, {
		method,
		headers: {
			...(token ? { authorization: `Bearer ${token}` } : {}),
			...(json === undefined ? {} : { 'content-type': 'application/json' })
		},
		body: json === undefined ? undefined : JSON.stringify(json)
	});
	const text = await response.text();
	return {
		status: response.status,
		headers: response.headers,
		body: (text ? JSON.parse(text) : {}) as TestBody
	};
}

/** An `AccountOpened`-free, domain-agnostic event: `$Rewound` is known to every registry. */
export function rewoundEvent(streamId: string, version: number): WireEvent {
	return {
		eventId: crypto.randomUUID(),
		streamId,
		version,
		type: '$Rewound',
		schemaVersion: 1,
		data: { toVersion: 0 },
		metadata: {
			commandId: crypto.randomUUID(),
			correlationId: crypto.randomUUID(),
			userId: 'u',
			deviceId: 'device-1',
			occurredAt: new Date().toISOString()
		}
	};
}

/** A new workspace with one person in it; returns their token. */
export async function signup(baseUrl: string): Promise<string> {
	const response = await call(baseUrl, 'POST', '/api/auth/signup', undefined, {
		workspace: `ws-${crypto.randomUUID()}`,
		name: 'ada',
		password: PASSWORD
	});
	if (response.status !== 201) throw new Error(`signup: ${response.status}`);
	return response.body.token!;
}
