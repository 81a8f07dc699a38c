import { describe, expect, it } from 'vitest';
import { SyncApi } from './sync-api';
import { SyncNetworkError } from './sync-errors';

/** A live endpoint that sends `chunks` at the given times (ms from the start), then stays open or ends. */
function liveServer(chunks: [number, string][], end?: number) {
	return new SyncApi(() => {
		const encoder = new TextEncoder();
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				for (const [at, text] of chunks) {
					setTimeout(() => controller.enqueue(encoder.encode(text)), at);
				}
				if (end !== undefined) setTimeout(() => controller.close(), end);
			}
		});
		return Promise.resolve(
			new Response(body, { headers: { 'content-type': 'text/event-stream' } })
		);
	}, 'http://rewind.test');
}

describe('SyncApi.live', () => {
	it('gives up a stream that goes quiet, so the client finds out whether the server is there', async () => {
		const heads: number[] = [];
		const api = liveServer([[0, 'event: head\ndata: {"head": 7}\n\n']]);
		const started = Date.now();
		const error = await api
			.live('token', new AbortController().signal, (head) => heads.push(head), 150)
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SyncNetworkError);
		expect((error as Error).message).toBe('The live connection went quiet.');
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		expect(heads).toEqual([7]);
	});

	it('keeps a stream whose heartbeats arrive, until it ends', async () => {
		const beats: [number, string][] = [50, 100, 150, 200, 250].map((at) => [at, ': heartbeat\n\n']);
		const api = liveServer(beats, 300);
		await expect(
			api.live('token', new AbortController().signal, () => undefined, 120)
		).resolves.toBeUndefined();
	});

	it('ends quietly when the client stops following', async () => {
		const api = liveServer([]);
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 30);
		await expect(
			api.live('token', controller.signal, () => undefined, 5_000)
		).resolves.toBeUndefined();
	});
});

describe('SyncApi.push', () => {
	it('sends the same body whether it serialises the events or reuses their JSON', async () => {
		const bodies: string[] = [];
		const api = new SyncApi(async (request) => {
			bodies.push(await request.text());
			return Response.json({ accepted: [], head: 0 });
		}, 'http://rewind.test');
		const events = [
			{
				eventId: 'e-1',
				streamId: 'order-1',
				version: 1,
				type: 'OrderCreated',
				schemaVersion: 1,
				data: { customerName: 'Zoë "Z" Ünal', note: '日本 😀' },
				metadata: {
					commandId: 'c-1',
					correlationId: 'c-1',
					userId: 'u-1',
					deviceId: 'd-"1"',
					occurredAt: '2026-01-02T03:04:05.000Z'
				}
			}
		];
		await api.push('token', 'd-"1"', [...events, ...events]);
		const json = events.map((event) => JSON.stringify(event));
		await api.push('token', 'd-"1"', [...events, ...events], [...json, ...json]);
		expect(bodies[1]).toBe(bodies[0]);
		expect(JSON.parse(bodies[1]!)).toEqual({ deviceId: 'd-"1"', events: [...events, ...events] });
	});
});
