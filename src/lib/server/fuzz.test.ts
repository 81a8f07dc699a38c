import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionResponse } from '../protocol';
import { checkPush } from './handlers/check-push';
import { silentLogger } from './logger';
import { startSyncServer, type SyncServer } from './sync-server';
import { counterEvent, TestClient, testBackends, type TestBody } from './testing';
import { testRegistry } from '../testing';

// A failure prints fast-check's seed and path; FC_SEED=<seed> replays it.
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;

// Version 1 of counter-1 is stored before the run, so a body that happens to be well-formed is a 409.
const valid = () => ({ deviceId: 'device-1', events: [counterEvent('counter-1', 1)] });

/** A key of a valid push replaced by something of the wrong type, or removed. */
const brokenField = fc
	.record({
		path: fc.constantFrom(
			['deviceId'],
			['events'],
			['events', 0],
			['events', 0, 'eventId'],
			['events', 0, 'streamId'],
			['events', 0, 'version'],
			['events', 0, 'type'],
			['events', 0, 'schemaVersion'],
			['events', 0, 'data'],
			['events', 0, 'data', 'by'],
			['events', 0, 'metadata'],
			['events', 0, 'metadata', 'occurredAt'],
			['events', 0, 'metadata', 'commandId']
		),
		value: fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined })
	})
	.map(({ path, value }) => {
		const body = valid();
		type Node = Record<string | number, unknown>;
		let target = body as unknown as Node;
		for (const key of path.slice(0, -1)) target = target[key] as Node;
		const last = path.at(-1)!;
		if (value === undefined) delete target[last];
		else target[last] = value;
		return JSON.stringify(body);
	})
	.filter((text) => !wellFormedAndNew(text));

/** A mutation can land on a valid value (a streamId swapped for another valid one): not malformed. */
function wellFormedAndNew(text: string): boolean {
	try {
		const push = checkPush(JSON.parse(text), testRegistry);
		return push.events.some((event) => event.streamId !== 'counter-1' || event.version !== 1);
	} catch {
		return false;
	}
}

/** Text that is almost JSON, or JSON of anything. */
const malformedText = fc.oneof(
	fc.string({ maxLength: 200 }),
	fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
	fc
		.tuple(fc.constant(JSON.stringify(valid())), fc.nat())
		.map(([text, cut]) => text.slice(0, cut % text.length)),
	fc.uint8Array({ maxLength: 200 }).map((bytes) => new TextDecoder().decode(bytes))
);

const pushBody = fc.oneof(brokenField, malformedText);

const contentType = fc.oneof(
	{ weight: 8, arbitrary: fc.constant('application/json') },
	{
		weight: 1,
		arbitrary: fc.constantFrom('text/plain', 'application/xml', 'application/jsonx', '')
	}
);

/** Query strings with after and limit of any shape, except well-formed ones. */
const pullQuery = fc
	.record({
		after: fc.option(
			fc.oneof(fc.string({ maxLength: 20 }), fc.integer().map(String), fc.double().map(String))
		),
		limit: fc.option(
			fc.oneof(
				fc.string({ maxLength: 20 }),
				fc.integer().map(String),
				fc.constant('0'),
				fc.constant('1001')
			)
		)
	})
	.map(({ after, limit }) => {
		const params = new URLSearchParams();
		if (after !== null) params.set('after', after);
		if (limit !== null) params.set('limit', limit);
		return params.toString();
	});

describe.each(testBackends())('malformed requests on $kind', (backend) => {
	let server: SyncServer;
	let client: TestClient;
	let session: SessionResponse;
	let logBefore: unknown;

	beforeAll(async () => {
		server = await startSyncServer({
			database: await backend.open(),
			registry: testRegistry,
			logger: silentLogger,
			rateLimit: false
		});
		client = new TestClient(server);
		session = await client.signup();
		await client.push(session.token, [counterEvent('counter-1', 1)]);
		logBefore = (await client.pull(session.token)).body;
	}, 60_000);

	afterAll(async () => {
		await server?.close();
	});

	function expectClientError(status: number, body: TestBody) {
		expect(status).toBeGreaterThanOrEqual(400);
		expect(status).toBeLessThan(500);
		expect(typeof body.error).toBe('string');
		expect(typeof body.message).toBe('string');
	}

	it('answers every malformed push with a 4xx and stores nothing (7,000 bodies)', async () => {
		await fc.assert(
			fc.asyncProperty(pushBody, contentType, async (body, type) => {
				const response = await client.request('POST', '/api/sync/push', {
					token: session.token,
					body,
					headers: type ? { 'content-type': type } : {}
				});
				expectClientError(response.status, response.body);
			}),
			{ seed: SEED, numRuns: 7000 }
		);
		expect((await client.pull(session.token)).body).toEqual(logBefore);
	}, 120_000);

	it('answers every malformed pull query with a 4xx (3,000 queries)', async () => {
		await fc.assert(
			fc.asyncProperty(pullQuery, async (query) => {
				const response = await client.request('GET', `/api/sync/pull?${query}`, {
					token: session.token
				});
				if (response.status === 200) {
					// A query that happens to be well-formed is a valid pull of the same log.
					expect(response.body.head).toBe((logBefore as { head: number }).head);
					return;
				}
				expect(response.status).toBe(400);
				expectClientError(response.status, response.body);
			}),
			{ seed: SEED, numRuns: 3000 }
		);
	}, 60_000);
});
