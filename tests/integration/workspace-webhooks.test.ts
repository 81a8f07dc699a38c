import { afterEach, describe, expect, it } from 'vitest';
import type { RegisteredWebhook } from '../../src/lib/protocol';
import { TestClient, testBackends, WebhookReceiver } from '../../src/lib/server/testing';
import { eventually, FAST_WEBHOOKS } from '../../src/lib/server/testing/webhook-helpers';
import type { SyncServer } from '../../src/lib/server/sync-server';
import { SyncHttpError } from '../../src/lib/sync/sync-errors';
import { device, startTestServer, type Device } from './sync-harness';

const CREATE = { type: 'CreateOrder', customerName: 'Kim', currency: 'EUR' } as const;

describe.each(testBackends())(
	"an owner's webhooks from a device on $kind",
	{ timeout: 30_000 },
	(backend) => {
		let server: SyncServer;
		let receiver: WebhookReceiver;
		const devices: Device[] = [];

		afterEach(async () => {
			for (const d of devices.splice(0)) d.store.close();
			await server.close();
			await receiver.stop();
		});

		function open(name: string): Device {
			const d = device(name, (request) => server.handle(request));
			devices.push(d);
			return d;
		}

		it('an order a device syncs reaches the receiver; what failed is listed and redelivered from the device', async () => {
			server = await startTestServer({ database: await backend.open(), webhooks: FAST_WEBHOOKS });
			receiver = await new WebhookReceiver().start();
			receiver.answer = () => ({ status: 500 });
			const ada = open('ada');
			await ada.sync.signup({ workspace: 'Market', name: 'Ada', password: 'correct horse' });
			const grace = open('grace');
			await grace.sync.signup({
				name: 'Grace',
				password: 'battery staple',
				invite: await ada.sync.people.invite('member')
			});
			const registered = await new TestClient(server).request<RegisteredWebhook>(
				'POST',
				'/api/workspace/webhooks',
				{
					token: ada.sync.session!.token,
					json: { url: receiver.url, eventTypes: ['OrderCreated'] }
				}
			);
			expect(registered.status).toBe(201);
			const { webhookId } = registered.body;

			await ada.orders.execute('order-1', CREATE, ada.as());
			expect(await ada.sync.syncNow()).toBe('synced');
			await eventually(async () =>
				expect((await ada.sync.webhooks.list())[0]).toMatchObject({ webhookId, deadLetters: 1 })
			);
			const [letter] = await ada.sync.webhooks.deadLetters(webhookId);
			expect(letter).toMatchObject({ type: 'OrderCreated', attempts: FAST_WEBHOOKS.maxAttempts });
			await expect(grace.sync.webhooks.list()).rejects.toSatisfy(
				(error) => error instanceof SyncHttpError && error.status === 403
			);

			receiver.answer = () => ({ status: 200 });
			expect(await ada.sync.webhooks.redeliver(webhookId)).toBe(1);
			await eventually(async () =>
				expect(await ada.sync.webhooks.deadLetters(webhookId)).toEqual([])
			);
			expect(receiver.acknowledged.map((event) => [event.type, event.streamId])).toEqual([
				['OrderCreated', 'order-1']
			]);
		});
	}
);
