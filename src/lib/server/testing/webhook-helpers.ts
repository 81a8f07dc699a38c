import { expect, vi } from 'vitest';
import {
	WEBHOOK_HEADERS,
	type DeadLettersResponse,
	type RegisteredWebhook,
	type SyncedEvent,
	type WebhooksResponse,
	type WireEvent
} from '../../protocol';
import { verifySignature } from '../webhooks';
import { counterEvent, type TestClient } from './test-client';
import type { ReceivedDelivery } from './webhook-receiver';

/** Small enough that retries, timeouts and dead letters happen within a test. */
export const FAST_WEBHOOKS = {
	allowPrivate: true,
	maxAttempts: 4,
	retryBaseMs: 20,
	retryCapMs: 100,
	timeoutMs: 400,
	pollMs: 250
};

/** Waits for a condition (an assertion that passes), never for a fixed time. */
export function eventually<T>(check: () => T | Promise<T>, timeout = 20_000): Promise<T> {
	return vi.waitFor(check, { timeout, interval: 20 });
}

export async function registerWebhook(
	client: TestClient,
	token: string,
	url: string,
	eventTypes: string[] = ['Incremented']
): Promise<RegisteredWebhook> {
	const response = await client.request<RegisteredWebhook>('POST', '/api/workspace/webhooks', {
		token,
		json: { url, eventTypes }
	});
	expect(response.status, JSON.stringify(response.body)).toBe(201);
	return response.body;
}

export async function webhooksOf(client: TestClient, token: string) {
	const response = await client.request<WebhooksResponse>('GET', '/api/workspace/webhooks', {
		token
	});
	expect(response.status).toBe(200);
	return response.body.webhooks;
}

export async function deadLettersOf(client: TestClient, token: string, webhookId: string) {
	const response = await client.request<DeadLettersResponse>(
		'GET',
		`/api/workspace/webhooks/${webhookId}/dead-letters`,
		{ token }
	);
	expect(response.status).toBe(200);
	return response.body.deadLetters;
}

/** Pushes `count` events to a new counter stream: `Incremented` ones, or of `type`. */
export async function pushEvents(
	client: TestClient,
	token: string,
	count: number,
	type: WireEvent['type'] = 'Incremented'
): Promise<void> {
	const streamId = `counter-${crypto.randomUUID()}`;
	const events = Array.from({ length: count }, (_, index) =>
		counterEvent(streamId, index + 1, type === 'Incremented' ? {} : { type, data: {} })
	);
	const response = await client.push(token, events);
	expect(response.status, JSON.stringify(response.body)).toBe(200);
}

/** The workspace's events of the types the webhook asked for, as a pull returns them. */
export async function matchingEvents(
	client: TestClient,
	token: string,
	types: readonly string[] = ['Incremented']
): Promise<SyncedEvent[]> {
	return (await client.pullAll(token)).filter((event) => types.includes(event.type));
}

/** Every delivery is the event as pulled, keyed by its eventId and signed with the secret. */
export function expectSigned(delivery: ReceivedDelivery, webhook: RegisteredWebhook): void {
	const header = (name: string) => String(delivery.headers[name]);
	expect(header(WEBHOOK_HEADERS.idempotencyKey)).toBe(delivery.event.eventId);
	expect(header(WEBHOOK_HEADERS.webhookId)).toBe(webhook.webhookId);
	expect(delivery.headers['content-type']).toBe('application/json');
	expect(
		verifySignature(
			webhook.secret,
			header(WEBHOOK_HEADERS.timestamp),
			delivery.body,
			header(WEBHOOK_HEADERS.signature)
		)
	).toBe(true);
	expect(
		verifySignature(
			'whsec_wrong',
			header(WEBHOOK_HEADERS.timestamp),
			delivery.body,
			header(WEBHOOK_HEADERS.signature)
		)
	).toBe(false);
}

/** Event ids in the order they were first acknowledged: what a receiver that dedupes keeps. */
export function firstSeen(events: readonly SyncedEvent[]): string[] {
	return [...new Set(events.map((event) => event.eventId))];
}
