import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SyncServer } from './sync-server';
import { startTestServer, TestClient, testBackends, WebhookReceiver } from './testing';
import {
	deadLettersOf,
	eventually,
	expectSigned,
	FAST_WEBHOOKS,
	matchingEvents,
	pushEvents,
	registerWebhook,
	webhooksOf
} from './testing/webhook-helpers';

describe.each(testBackends())('webhooks on $kind', { timeout: 60_000 }, (backend) => {
	let server: SyncServer;
	let client: TestClient;
	const receivers: WebhookReceiver[] = [];

	const receiver = async () => {
		const started = await new WebhookReceiver().start();
		receivers.push(started);
		return started;
	};

	beforeAll(async () => {
		server = await startTestServer(await backend.open(), { webhooks: FAST_WEBHOOKS });
		client = new TestClient(server);
	}, 60_000);

	afterEach(async () => {
		await Promise.all(receivers.splice(0).map((started) => started.stop()));
	});

	afterAll(async () => {
		await server?.close();
	});

	it('delivers every event once, in position order, as pulled, keyed by eventId and signed', async () => {
		const owner = await client.signup();
		const hook = await receiver();
		const webhook = await registerWebhook(client, owner.token, hook.url);
		expect(webhook.secret).toMatch(/^whsec_/);
		await pushEvents(client, owner.token, 3);
		await pushEvents(client, owner.token, 4);

		const expected = await matchingEvents(client, owner.token);
		expect(expected).toHaveLength(7);
		await eventually(() => expect(hook.acknowledged).toHaveLength(7));
		expect(hook.acknowledged).toEqual(expected);
		for (const delivery of hook.deliveries) expectSigned(delivery, webhook);

		// The receiver has answered; the checkpoint is written right after the answer arrives.
		const [listed] = await eventually(async () => {
			const webhooks = await webhooksOf(client, owner.token);
			expect(webhooks[0]?.deliveredPosition).toBe(expected.at(-1)!.position);
			return webhooks;
		});
		expect(listed).toMatchObject({
			webhookId: webhook.webhookId,
			failedAttempts: 0,
			deadLetters: 0
		});
		expect(listed).not.toHaveProperty('secret');
	});

	it('delivers only the event types asked for, and nothing from before the registration', async () => {
		const owner = await client.signup();
		await pushEvents(client, owner.token, 2);
		const hook = await receiver();
		await registerWebhook(client, owner.token, hook.url, ['Reset', 'Closed']);
		await pushEvents(client, owner.token, 2);
		await pushEvents(client, owner.token, 1, 'Reset');
		await pushEvents(client, owner.token, 2);
		await pushEvents(client, owner.token, 1, 'Closed');

		const expected = (await matchingEvents(client, owner.token, ['Reset', 'Closed'])).filter(
			(event) => event.position > 2
		);
		expect(expected.map((event) => event.type)).toEqual(['Reset', 'Closed']);
		await eventually(() => expect(hook.acknowledged).toEqual(expected));
		// The head is past the last event asked for; no other type comes later.
		expect(hook.deliveries).toHaveLength(2);
	});

	it('a receiver that fails, times out and answers slowly still gets every event, in order', async () => {
		const owner = await client.signup();
		const hook = await receiver();
		// Down twice (503, 500), then too slow for the timeout, then slow but in time: each
		// event is retried until acknowledged, and the next waits for it.
		const script = [
			{ status: 503 },
			{ status: 500 },
			{ status: 200, delayMs: FAST_WEBHOOKS.timeoutMs * 3 },
			{ status: 200, delayMs: FAST_WEBHOOKS.timeoutMs / 4 },
			{ status: 502 }
		];
		hook.answer = (_, index) => script[index] ?? { status: 204 };
		const webhook = await registerWebhook(client, owner.token, hook.url);
		await pushEvents(client, owner.token, 4);

		const expected = await matchingEvents(client, owner.token);
		await eventually(() => expect(hook.acknowledged).toEqual(expected));
		const attempts = hook.deliveries.map((delivery) => delivery.event.position);
		// Four attempts at the first event, then two at the second, then one each.
		expect(attempts).toEqual([
			...Array<number>(4).fill(expected[0]!.position),
			expected[1]!.position,
			...expected.slice(1).map((event) => event.position)
		]);
		for (const delivery of hook.deliveries) expectSigned(delivery, webhook);
		expect((await deadLettersOf(client, owner.token, webhook.webhookId)).length).toBe(0);
	});

	it('after the last attempt an event becomes a dead letter, delivery moves on, and an owner redelivers it', async () => {
		const owner = await client.signup();
		const hook = await receiver();
		let poisoned = '';
		hook.answer = (delivery) => ({ status: delivery.event.eventId === poisoned ? 500 : 200 });
		const webhook = await registerWebhook(client, owner.token, hook.url);
		await pushEvents(client, owner.token, 1);
		await pushEvents(client, owner.token, 2);
		const expected = await matchingEvents(client, owner.token);
		// The pushes are in; the deliverer may already have taken the first event, so poison the second.
		poisoned = expected[1]!.eventId;

		await eventually(() =>
			expect(hook.acknowledged.map((event) => event.eventId)).toEqual([
				expected[0]!.eventId,
				expected[2]!.eventId
			])
		);
		const [dead] = await deadLettersOf(client, owner.token, webhook.webhookId);
		expect(dead).toMatchObject({
			position: expected[1]!.position,
			eventId: poisoned,
			type: 'Incremented',
			attempts: FAST_WEBHOOKS.maxAttempts,
			lastError: 'HTTP 500',
			redeliveryQueued: false
		});
		expect(hook.deliveries.filter((d) => d.event.eventId === poisoned)).toHaveLength(
			FAST_WEBHOOKS.maxAttempts
		);
		await eventually(async () =>
			expect((await webhooksOf(client, owner.token))[0]).toMatchObject({
				deliveredPosition: expected[2]!.position,
				deadLetters: 1
			})
		);

		const path = `/api/workspace/webhooks/${webhook.webhookId}/redeliver`;
		const missing = await client.request('POST', path, {
			token: owner.token,
			json: { position: expected[0]!.position }
		});
		expect(missing.status).toBe(404);

		// Still failing: the redelivery is one more attempt, and the letter stays.
		const again = await client.request('POST', path, {
			token: owner.token,
			json: { position: dead!.position }
		});
		expect(again.status).toBe(202);
		expect(again.body).toEqual({ queued: 1 });
		await eventually(async () =>
			expect(await deadLettersOf(client, owner.token, webhook.webhookId)).toEqual([
				expect.objectContaining({
					attempts: FAST_WEBHOOKS.maxAttempts + 1,
					redeliveryQueued: false
				})
			])
		);

		poisoned = '';
		const all = await client.request('POST', path, { token: owner.token });
		expect(all.body).toEqual({ queued: 1 });
		await eventually(async () =>
			expect(await deadLettersOf(client, owner.token, webhook.webhookId)).toEqual([])
		);
		expect(hook.acknowledged.at(-1)).toEqual(expected[1]);
		for (const delivery of hook.deliveries) expectSigned(delivery, webhook);
	});

	it('registration: 400 for a malformed body, 422 for an unknown type or a URL it cannot reach', async () => {
		const owner = await client.signup();
		const post = (json: unknown) =>
			client.request('POST', '/api/workspace/webhooks', { token: owner.token, json });
		const hook = await receiver();
		for (const json of [
			{ url: hook.url },
			{ url: hook.url, eventTypes: [] },
			{ url: hook.url, eventTypes: ['Reset', 'Reset'] },
			{ url: hook.url, eventTypes: ['Reset'], extra: true }
		]) {
			const response = await post(json);
			expect(response.status, JSON.stringify(json)).toBe(400);
			expect(response.body.error).toBe('invalid_request');
		}
		for (const json of [
			{ url: hook.url, eventTypes: ['NoSuchType'] },
			{ url: hook.url, eventTypes: ['*', 'Reset'] },
			{ url: 'ftp://127.0.0.1/x', eventTypes: ['Reset'] },
			{ url: 'not a url', eventTypes: ['Reset'] },
			{ url: 'http://8.8.8.8/hook', eventTypes: ['Reset'] },
			{ url: 'https://user:pw@8.8.8.8/hook', eventTypes: ['Reset'] }
		]) {
			const response = await post(json);
			expect(response.status, JSON.stringify(json)).toBe(422);
			expect(response.body.error).toBe('webhook_refused');
		}
		expect(await webhooksOf(client, owner.token)).toEqual([]);
	});

	it('without the setting, private, loopback and link-local destinations and plain http are refused', async () => {
		const strict = await startTestServer(await backend.open());
		try {
			const strictClient = new TestClient(strict);
			const owner = await strictClient.signup();
			const hook = await receiver();
			for (const url of [
				hook.url,
				'https://127.0.0.1/hook',
				'https://localhost/hook',
				'https://10.1.2.3/hook',
				'https://192.168.0.10/hook',
				'https://169.254.169.254/latest',
				'https://[::1]/hook',
				'https://[fd00::1]/hook',
				'https://[fe80::1]/hook',
				'https://[::ffff:127.0.0.1]/hook',
				'http://8.8.8.8/hook'
			]) {
				const response = await strictClient.request('POST', '/api/workspace/webhooks', {
					token: owner.token,
					json: { url, eventTypes: ['Incremented'] }
				});
				expect(response.status, url).toBe(422);
				expect(response.body.error).toBe('webhook_refused');
			}
			expect(await webhooksOf(strictClient, owner.token)).toEqual([]);
		} finally {
			await strict.close();
		}
	});

	it('an owner deletes a webhook: it is no longer listed, delivered to, or found', async () => {
		const owner = await client.signup();
		const other = await client.signup();
		const hook = await receiver();
		const webhook = await registerWebhook(client, owner.token, hook.url);
		const path = `/api/workspace/webhooks/${webhook.webhookId}`;
		expect((await client.request('DELETE', path, { token: other.token })).status).toBe(404);
		expect(
			(await client.request('GET', `${path}/dead-letters`, { token: other.token })).status
		).toBe(404);
		expect((await client.request('DELETE', path, { token: owner.token })).status).toBe(200);
		expect((await client.request('DELETE', path, { token: owner.token })).status).toBe(404);
		expect(await webhooksOf(client, owner.token)).toEqual([]);

		// A second webhook proves the deliverer ran past the push; the deleted one got nothing.
		const witness = await receiver();
		await registerWebhook(client, owner.token, witness.url);
		await pushEvents(client, owner.token, 2);
		await eventually(() => expect(witness.acknowledged).toHaveLength(2));
		expect(hook.deliveries).toEqual([]);
	});
});
