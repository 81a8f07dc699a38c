import { afterEach, describe, expect, it } from 'vitest';
import { WebhookReceiver } from '../testing/webhook-receiver';
import { postDelivery } from './post-delivery';

describe('postDelivery', () => {
	let receiver: WebhookReceiver | undefined;
	afterEach(async () => receiver?.stop());

	const post = (url: string, allowPrivate: boolean, signal = new AbortController().signal) =>
		postDelivery({
			url: new URL(url),
			body: '{"eventId":"e1"}',
			headers: {},
			timeoutMs: 1_000,
			allowPrivate,
			signal
		});

	it('refuses, at connection time, a name that resolves to a private address', async () => {
		receiver = await new WebhookReceiver().start();
		const port = new URL(receiver.url).port;
		const refused = await post(`http://localhost:${port}/`, false);
		expect(refused.ok).toBe(false);
		expect('error' in refused && refused.error).toMatch(/private address/);
		expect(receiver.deliveries).toEqual([]);
		expect(await post(`http://localhost:${port}/`, true)).toEqual({ ok: true, status: 200 });
	});

	it('counts a redirect as a failure and an abort as nothing', async () => {
		receiver = await new WebhookReceiver().start();
		receiver.answer = (_, index) => (index === 0 ? { status: 301 } : { status: 200, delayMs: 500 });
		expect(await post(receiver.url, true)).toEqual({ ok: false, error: 'HTTP 301' });
		const abort = new AbortController();
		const pending = post(receiver.url, true, abort.signal);
		setTimeout(() => abort.abort(), 50);
		expect(await pending).toEqual({ ok: false, aborted: true });
	});
});
