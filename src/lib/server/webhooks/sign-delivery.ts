import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { WEBHOOK_HEADERS } from '../../protocol';

/** A webhook's signing secret: 256 random bits, shown to the owner once. */
export function newWebhookSecret(): string {
	return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** `v1=` and the hex HMAC-SHA256 of `<timestamp>.<body>`: the timestamp is signed so a replay can be told by its age. */
export function signature(secret: string, timestamp: number, body: string): string {
	return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The headers of one attempt at delivering one event. */
export function deliveryHeaders(
	delivery: { webhookId: string; eventId: string; secret: string; body: string },
	now: Date
): Record<string, string> {
	const timestamp = Math.floor(now.getTime() / 1000);
	return {
		[WEBHOOK_HEADERS.idempotencyKey]: delivery.eventId,
		[WEBHOOK_HEADERS.webhookId]: delivery.webhookId,
		[WEBHOOK_HEADERS.timestamp]: String(timestamp),
		[WEBHOOK_HEADERS.signature]: signature(delivery.secret, timestamp, delivery.body)
	};
}

/** What a receiver does (docs/protocol.md shows it standalone): for tests and Node receivers. */
export function verifySignature(
	secret: string,
	timestamp: string,
	body: string,
	header: string
): boolean {
	const expected = Buffer.from(signature(secret, Number(timestamp), body));
	const given = Buffer.from(header);
	return expected.length === given.length && timingSafeEqual(expected, given);
}
