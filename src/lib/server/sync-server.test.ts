import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	MAX_BODY_BYTES,
	invalidEventBodySchema,
	invalidRequestBodySchema,
	pullResponseSchema,
	pushResponseSchema,
	sessionResponseSchema,
	versionConflictBodySchema,
	type SyncedEvent
} from '../protocol';
import { silentLogger } from './logger';
import { ROUTES, startSyncServer, type SyncServer } from './sync-server';
import { counterEvent, TestClient, testBackends } from './testing';
import { testRegistry } from '../testing';

const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = 'correct horse battery';

describe.each(testBackends())('sync server on $kind', { timeout: 20_000 }, (backend) => {
	let server: SyncServer;
	let client: TestClient;
	let clockOffset = 0;

	beforeAll(async () => {
		server = await startSyncServer({
			database: await backend.open(),
			registry: testRegistry,
			logger: silentLogger,
			now: () => new Date(Date.now() + clockOffset),
			rateLimit: false,
			heartbeatMs: 50
		});
		client = new TestClient(server);
	}, 60_000);

	afterAll(async () => {
		await server?.close();
	});

	async function pullAll(token: string): Promise<SyncedEvent[]> {
		const response = await client.pull(token, 0, 1000);
		expect(response.status).toBe(200);
		return response.body.events as SyncedEvent[];
	}

	describe('signup, login, logout, invites', () => {
		it('signup creates a workspace: 201 {token, userId, workspaceId}', async () => {
			const response = await client.request('POST', '/api/auth/signup', {
				json: { workspace: `ws-${crypto.randomUUID()}`, name: 'ada', password: PASSWORD }
			});
			expect(response.status).toBe(201);
			expect(sessionResponseSchema.parse(response.body)).toEqual(response.body);
		});

		it('signup refuses a workspace name already taken, in any case: 409', async () => {
			const workspace = `Taken-${crypto.randomUUID()}`;
			await client.signup(workspace);
			const response = await client.request('POST', '/api/auth/signup', {
				json: { workspace: workspace.toUpperCase(), name: 'eve', password: PASSWORD }
			});
			expect(response.status).toBe(409);
			expect(response.body).toMatchObject({ error: 'already_exists' });
		});

		it('signup refuses a password under 8 characters: 400 with issues', async () => {
			const response = await client.request('POST', '/api/auth/signup', {
				json: { workspace: `ws-${crypto.randomUUID()}`, name: 'ada', password: 'short' }
			});
			expect(response.status).toBe(400);
			expect(invalidRequestBodySchema.parse(response.body).issues[0]?.path).toEqual(['password']);
		});

		it('login: 200 with a new token for the right password, 401 for anything wrong', async () => {
			const workspace = `ws-${crypto.randomUUID()}`;
			const session = await client.signup(workspace, 'Ada');
			const login = (body: object) => client.request('POST', '/api/auth/login', { json: body });

			const ok = await login({ workspace, name: 'ada', password: PASSWORD });
			expect(ok.status).toBe(200);
			expect(ok.body).toMatchObject({ userId: session.userId, workspaceId: session.workspaceId });
			expect(ok.body.token).not.toBe(session.token);

			for (const wrong of [
				{ workspace, name: 'ada', password: 'wrong password' },
				{ workspace, name: 'bob', password: PASSWORD },
				{ workspace: 'no-such-workspace', name: 'ada', password: PASSWORD }
			]) {
				const response = await login(wrong);
				expect(response.status).toBe(401);
				expect(response.body).toEqual({
					error: 'unauthorized',
					message: 'The workspace, name or password is wrong.'
				});
			}
		});

		it('an invite lets one person join the workspace, once: 201 {code, role}, then 403', async () => {
			const owner = await client.signup();
			const invite = await client.request('POST', '/api/workspace/invites', { token: owner.token });
			expect(invite.status).toBe(201);
			expect(Object.keys(invite.body).sort()).toEqual(['code', 'role']);
			expect(invite.body.role).toBe('member');

			const join = (name: string, extra: object = {}) =>
				client.request('POST', '/api/auth/signup', {
					json: { name, password: PASSWORD, invite: invite.body.code, ...extra }
				});
			const joined = await join('grace');
			expect(joined.status).toBe(201);
			expect(joined.body.workspaceId).toBe(owner.workspaceId);

			const again = await join('mallory');
			expect(again.status).toBe(403);
			expect(again.body).toMatchObject({ error: 'forbidden' });
		});

		it('an invite refuses a made-up code, another workspace name, an expired code, a taken name', async () => {
			const owner = await client.signup(`ws-${crypto.randomUUID()}`, 'ada');
			const code = async () =>
				(await client.request('POST', '/api/workspace/invites', { token: owner.token })).body.code;
			const join = (body: object) => client.request('POST', '/api/auth/signup', { json: body });

			expect((await join({ name: 'x', password: PASSWORD, invite: 'made-up' })).status).toBe(403);
			expect(
				(await join({ workspace: 'other', name: 'x', password: PASSWORD, invite: await code() }))
					.status
			).toBe(403);
			const taken = await join({ name: 'ADA', password: PASSWORD, invite: await code() });
			expect(taken.status).toBe(409);

			const late = await code();
			clockOffset = 8 * DAY;
			try {
				expect((await join({ name: 'late', password: PASSWORD, invite: late })).status).toBe(403);
			} finally {
				clockOffset = 0;
			}
		});

		it('logout revokes the token: 204, then 401 everywhere', async () => {
			const session = await client.signup();
			const logout = await client.request('POST', '/api/auth/logout', { token: session.token });
			expect(logout.status).toBe(204);
			expect((await client.pull(session.token)).status).toBe(401);
			expect(
				(await client.request('POST', '/api/auth/logout', { token: session.token })).status
			).toBe(401);
		});
	});

	describe('every endpoint that needs a token', () => {
		const calls: [string, string, unknown][] = [
			['POST', '/api/sync/push', { deviceId: 'd', events: [counterEvent('counter-1', 1)] }],
			['GET', '/api/sync/pull', undefined],
			['GET', '/api/sync/live', undefined],
			['POST', '/api/workspace/invites', undefined],
			['GET', '/api/workspace/members', undefined],
			['PATCH', '/api/workspace/members/someone', { role: 'viewer' }],
			['DELETE', '/api/workspace/members/someone', undefined],
			['POST', '/api/auth/logout', undefined],
			['POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: PASSWORD }],
			['GET', '/api/auth/sessions', undefined],
			['DELETE', '/api/auth/sessions/some-session', undefined]
		];

		it.each(calls)(
			'%s %s answers 401 without a token, with a wrong one, and with an expired one',
			async (method, path, json) => {
				const session = await client.signup();
				const attempts: (string | undefined)[] = [undefined, 'not-a-token', `${session.token}x`];
				for (const token of attempts) {
					const response = await client.request(method, path, { token, json });
					expect(response.status).toBe(401);
					expect(response.body.error).toBe('unauthorized');
					expect(response.body.message).toMatch(/token/);
					expect(response.headers.get('www-authenticate')).toBe('Bearer');
				}
				const malformed = await client.request(method, path, {
					json,
					headers: { authorization: `Basic ${session.token}` }
				});
				expect(malformed.status).toBe(401);

				clockOffset = 31 * DAY;
				try {
					expect((await client.request(method, path, { token: session.token, json })).status).toBe(
						401
					);
				} finally {
					clockOffset = 0;
				}
			}
		);
	});

	describe('push', () => {
		it('stores a batch: 200 {accepted, head}, positions in batch order; recordedBy is the caller', async () => {
			const session = await client.signup();
			const events = [
				counterEvent('counter-a', 1),
				counterEvent('counter-b', 1),
				counterEvent('counter-a', 2)
			];
			const response = await client.push(session.token, events);
			expect(response.status).toBe(200);
			const body = pushResponseSchema.parse(response.body);
			expect(body.accepted.map((a) => a.eventId)).toEqual(events.map((e) => e.eventId));
			const positions = body.accepted.map((a) => a.position);
			expect(positions).toEqual([...positions].sort((a, b) => a - b));
			expect(body.head).toBe(positions.at(-1));

			const stored = await pullAll(session.token);
			expect(stored.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
			for (const [index, event] of stored.entries()) {
				expect(event).toEqual({
					...events[index],
					position: positions[index],
					recordedAt: body.accepted[index]!.recordedAt,
					recordedBy: session.userId
				});
				expect(event.metadata.userId).toBe('claimed-user');
			}
		});

		it("ignores the client's position, recordedAt, recordedBy, seq and sync", async () => {
			const session = await client.signup();
			const event = {
				...counterEvent('counter-1', 1),
				position: 999_999,
				recordedAt: '2000-01-01T00:00:00.000Z',
				recordedBy: 'someone-else',
				seq: 7,
				sync: 'synced'
			};
			const response = await client.push(session.token, [event]);
			expect(response.status).toBe(200);
			const [stored] = await pullAll(session.token);
			expect(stored!.position).not.toBe(999_999);
			expect(stored!.recordedBy).toBe(session.userId);
			expect(stored!.recordedAt).not.toBe('2000-01-01T00:00:00.000Z');
			expect(stored).not.toHaveProperty('seq');
			expect(stored).not.toHaveProperty('sync');
		});

		it('acknowledges a re-pushed event with its original position, also mixed with new ones', async () => {
			const session = await client.signup();
			const first = [counterEvent('counter-1', 1), counterEvent('counter-1', 2)];
			const original = await client.push(session.token, first);
			const again = await client.push(session.token, first, 'another-device');
			expect(again.status).toBe(200);
			expect(again.body).toEqual(original.body);

			const more = [...first, counterEvent('counter-1', 3)];
			const mixed = await client.push(session.token, more);
			expect(mixed.status).toBe(200);
			expect(mixed.body.accepted!.slice(0, 2)).toEqual(original.body.accepted);
			expect(mixed.body.accepted![2]!.position).toBeGreaterThan(original.body.head!);
			expect((await pullAll(session.token)).map((e) => e.version)).toEqual([1, 2, 3]);
		});

		it('refuses an eventId reused with other content: 422 invalid_event naming it', async () => {
			const session = await client.signup();
			const event = counterEvent('counter-1', 1);
			await client.push(session.token, [event]);
			for (const reused of [
				{ ...event, data: { by: 2 } },
				{ ...event, streamId: 'counter-2' },
				{ ...event, version: 2 },
				{ ...event, type: 'NoteWritten', schemaVersion: 2, data: { title: 'x' } }
			]) {
				const response = await client.push(session.token, [reused]);
				expect(response.status).toBe(422);
				expect(invalidEventBodySchema.parse(response.body).eventId).toBe(event.eventId);
			}
			expect(await pullAll(session.token)).toHaveLength(1);
		});

		it('treats data with keys in another order as the same content', async () => {
			const session = await client.signup();
			const event = counterEvent('note-1', 1, {
				type: 'NoteWritten',
				schemaVersion: 1,
				data: { text: 'a' }
			});
			expect((await client.push(session.token, [event])).status).toBe(200);
			expect((await client.push(session.token, [event])).status).toBe(200);
		});

		it('409 lists every stream whose events do not follow its head, and stores nothing', async () => {
			const session = await client.signup();
			await client.push(session.token, [
				counterEvent('counter-a', 1),
				counterEvent('counter-b', 1)
			]);
			const response = await client.push(session.token, [
				counterEvent('counter-c', 1),
				counterEvent('counter-a', 1),
				counterEvent('counter-b', 3),
				counterEvent('counter-d', 2)
			]);
			expect(response.status).toBe(409);
			const body = versionConflictBodySchema.parse(response.body);
			expect(body.conflicts).toEqual([
				{ streamId: 'counter-a', expectedVersion: 0, actualVersion: 1 },
				{ streamId: 'counter-b', expectedVersion: 2, actualVersion: 1 },
				{ streamId: 'counter-d', expectedVersion: 1, actualVersion: 0 }
			]);
			expect((await pullAll(session.token)).map((e) => e.streamId)).toEqual([
				'counter-a',
				'counter-b'
			]);
		});

		it('checks data against its type, upcasting older schema versions: 422 when it fails', async () => {
			const session = await client.signup();
			const note = (version: number, schemaVersion: number, data: Record<string, unknown>) =>
				counterEvent('note-1', version, { type: 'NoteWritten', schemaVersion, data });

			expect((await client.push(session.token, [note(1, 1, { text: 'old shape' })])).status).toBe(
				200
			);
			expect((await client.push(session.token, [note(2, 2, { title: 'new shape' })])).status).toBe(
				200
			);

			const refused = [
				note(3, 1, { title: 'new shape claimed as v1' }),
				note(3, 1, { text: '' }), // valid v1, but upcasts to an empty title
				note(3, 3, { title: 'no such version' }),
				counterEvent('counter-1', 1, { data: { by: -1 } }),
				counterEvent('counter-1', 1, { type: 'OrderShipped' }),
				counterEvent('counter-1', 1, { type: '$Rewound', data: { toVersion: -1 } })
			];
			for (const event of refused) {
				const response = await client.push(session.token, [counterEvent('counter-z', 1), event]);
				expect(response.status, JSON.stringify(event)).toBe(422);
				const body = invalidEventBodySchema.parse(response.body);
				expect(body.eventId).toBe(event.eventId);
				expect(body.issues.length).toBeGreaterThan(0);
			}
			expect(await pullAll(session.token)).toHaveLength(2);
		});

		it.each([
			['malformed JSON', '{"deviceId": "d", "events": ['],
			['JSON that is not an object', '[]'],
			['no events', JSON.stringify({ deviceId: 'd', events: [] })],
			[
				'501 events',
				JSON.stringify({
					deviceId: 'd',
					events: Array.from({ length: 501 }, (_, i) => counterEvent(`c-${i}`, 1))
				})
			],
			[
				'an unknown top-level key',
				JSON.stringify({ deviceId: 'd', events: [counterEvent('c-1', 1)], extra: 1 })
			],
			['an invalid stream id', JSON.stringify({ deviceId: 'd', events: [counterEvent('c 1', 1)] })],
			['version 0', JSON.stringify({ deviceId: 'd', events: [counterEvent('c-1', 0)] })],
			[
				'a version past integer range',
				JSON.stringify({ deviceId: 'd', events: [counterEvent('c-1', 2 ** 31)] })
			],
			[
				'bad metadata',
				JSON.stringify({
					deviceId: 'd',
					events: [counterEvent('c-1', 1, { metadata: {} as never })]
				})
			],
			[
				'an eventId twice in the batch',
				JSON.stringify({
					deviceId: 'd',
					events: [
						counterEvent('c-1', 1, { eventId: 'e' }),
						counterEvent('c-2', 1, { eventId: 'e' })
					]
				})
			],
			[
				'versions of a stream out of order',
				JSON.stringify({ deviceId: 'd', events: [counterEvent('c-1', 2), counterEvent('c-1', 1)] })
			],
			[
				'a gap inside the batch',
				JSON.stringify({ deviceId: 'd', events: [counterEvent('c-1', 1), counterEvent('c-1', 3)] })
			],
			[
				'U+0000 in data',
				JSON.stringify({
					deviceId: 'd',
					events: [counterEvent('c-1', 1, { data: { by: 1, x: '\u0000' } })]
				})
			],
			[
				'a lone surrogate',
				JSON.stringify({ deviceId: '\ud800', events: [counterEvent('c-1', 1)] })
			],
			['bytes that are not UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])]
		])('answers 400 invalid_request for %s', async (_, body) => {
			const session = await client.signup();
			const response = await client.request('POST', '/api/sync/push', {
				token: session.token,
				body: body as BodyInit,
				headers: { 'content-type': 'application/json' }
			});
			expect(response.status).toBe(400);
			invalidRequestBodySchema.parse(response.body);
			expect(await pullAll(session.token)).toEqual([]);
		});

		it.each([['text/plain'], ['application/x-www-form-urlencoded'], [undefined]])(
			'answers 415 for Content-Type %s',
			async (contentType) => {
				const session = await client.signup();
				const response = await client.request('POST', '/api/sync/push', {
					token: session.token,
					body: JSON.stringify({ deviceId: 'd', events: [counterEvent('c-1', 1)] }),
					headers: contentType ? { 'content-type': contentType } : {}
				});
				expect(response.status).toBe(415);
				expect(response.body).toMatchObject({ error: 'unsupported_media_type' });
			}
		);

		it('answers 413 for a body over 1 MiB, by Content-Length or by the bytes that arrive', async () => {
			const session = await client.signup();
			const declared = await server.handle(
				new Request('http://rewind.test/api/sync/push', {
					method: 'POST',
					headers: {
						authorization: `Bearer ${session.token}`,
						'content-type': 'application/json',
						'content-length': String(MAX_BODY_BYTES + 1)
					},
					body: '{}'
				})
			);
			expect(declared.status).toBe(413);

			let pulled = 0;
			const endless = new ReadableStream<Uint8Array>({
				pull(controller) {
					pulled++;
					controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
				}
			});
			const streamed = await server.handle(
				new Request('http://rewind.test/api/sync/push', {
					method: 'POST',
					headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
					body: endless,
					duplex: 'half'
				} as RequestInit)
			);
			expect(streamed.status).toBe(413);
			const refusal = (await streamed.json()) as { error: string; message: string };
			expect(refusal.error).toBe('payload_too_large');
			expect(refusal.message).toContain('push fewer events at a time');
			// It stopped reading soon after the limit, not at the end of an endless body.
			expect(pulled).toBeLessThan(MAX_BODY_BYTES / (64 * 1024) + 4);
		});

		it('says nothing of pushing when another endpoint refuses a body as too large', async () => {
			const login = await server.handle(
				new Request('http://rewind.test/api/auth/login', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ workspace: 'w', name: 'n', password: 'x'.repeat(MAX_BODY_BYTES) })
				})
			);
			expect(login.status).toBe(413);
			const { message } = (await login.json()) as { message: string };
			expect(message).toBe(`The request body is larger than ${MAX_BODY_BYTES} bytes.`);
		});

		it('accepts a 500-event batch just under 1 MiB', async () => {
			const session = await client.signup();
			const events = Array.from({ length: 500 }, (_, i) =>
				counterEvent(`note-${i}`, 1, {
					type: 'NoteWritten',
					schemaVersion: 2,
					data: { title: 'x'.repeat(1650) }
				})
			);
			const body = JSON.stringify({ deviceId: 'd', events });
			expect(body.length).toBeLessThan(MAX_BODY_BYTES);
			expect(body.length).toBeGreaterThan(MAX_BODY_BYTES * 0.9);
			const response = await client.request('POST', '/api/sync/push', {
				token: session.token,
				body,
				headers: { 'content-type': 'application/json' }
			});
			expect(response.status).toBe(200);
			expect(response.body.accepted).toHaveLength(500);
		});
	});

	describe('pull', () => {
		it('pages through the log in position order: {events, head, hasMore}', async () => {
			const session = await client.signup();
			const events = Array.from({ length: 7 }, (_, i) => counterEvent('counter-1', i + 1));
			const pushed = await client.push(session.token, events);
			const head = pushed.body.head as number;

			const pages: SyncedEvent[][] = [];
			let after = 0;
			for (;;) {
				const response = await client.pull(session.token, after, 3);
				expect(response.status).toBe(200);
				const page = pullResponseSchema.parse(response.body);
				expect(page.head).toBe(head);
				pages.push(page.events);
				if (!page.hasMore) break;
				after = page.events.at(-1)!.position;
			}
			expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
			expect(pages.flat().map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);

			const empty = await client.pull(session.token, head, 3);
			expect(empty.body).toEqual({ events: [], head, hasMore: false });
		});

		it('defaults to after=0 and a limit of 500', async () => {
			const session = await client.signup();
			await client.push(session.token, [counterEvent('counter-1', 1)]);
			const response = await client.request('GET', '/api/sync/pull', { token: session.token });
			expect(response.status).toBe(200);
			expect(response.body.events).toHaveLength(1);
		});

		it.each([
			'limit=0',
			'limit=1001',
			'limit=1.5',
			'limit=',
			'after=-1',
			'after=abc',
			'after=1e3',
			'after=9999999999999999',
			// Given twice, it could mean either.
			'after=1&after=abc',
			'after=5&after=5',
			'limit=5&limit=0'
		])('answers 400 invalid_request for %s', async (query) => {
			const session = await client.signup();
			const response = await client.request('GET', `/api/sync/pull?${query}`, {
				token: session.token
			});
			expect(response.status).toBe(400);
			invalidRequestBodySchema.parse(response.body);
		});
	});

	describe('workspace isolation', () => {
		it("a token of one workspace neither reads nor writes another's streams, nor learns they exist", async () => {
			const alice = await client.signup();
			const mallory = await client.signup();
			const secret = counterEvent('counter-shared', 1);
			await client.push(alice.token, [secret, counterEvent('counter-shared', 2)]);

			const pulled = await client.pull(mallory.token);
			expect(pulled.body).toEqual({ events: [], head: 0, hasMore: false });

			// Same stream id, same eventId: to Mallory's workspace both are new, with no hint of Alice's.
			const pushed = await client.push(mallory.token, [{ ...secret, data: { by: 5 } }]);
			expect(pushed.status).toBe(200);
			expect(pushed.body.head).toBe(pushed.body.accepted![0]!.position);
			expect((await client.pull(mallory.token)).body.events).toHaveLength(1);

			const aliceEvents = await pullAll(alice.token);
			expect(aliceEvents.map((e) => e.data)).toEqual([{ by: 1 }, { by: 1 }]);
		});
	});

	describe('members', () => {
		it("lists the caller's workspace by name, and nobody from another workspace", async () => {
			const owner = await client.signup('Corner Shop', 'Zoe');
			const invite = await client.request<{ code: string }>('POST', '/api/workspace/invites', {
				token: owner.token
			});
			const joined = await client.request<{ userId: string }>('POST', '/api/auth/signup', {
				json: { name: 'adam', password: PASSWORD, invite: invite.body.code }
			});
			await client.signup(undefined, 'Eve');

			const response = await client.request('GET', '/api/workspace/members', {
				token: owner.token
			});
			expect(response.status).toBe(200);
			expect(response.body).toEqual({
				workspace: { workspaceId: owner.workspaceId, name: 'Corner Shop' },
				you: { userId: owner.userId, role: 'owner' },
				members: [
					{ userId: joined.body.userId, name: 'adam', role: 'member', removedAt: null },
					{ userId: owner.userId, name: 'Zoe', role: 'owner', removedAt: null }
				]
			});
		});
	});

	describe('live', () => {
		async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, text: RegExp) {
			let received = '';
			const decoder = new TextDecoder();
			while (!text.test(received)) {
				const { done, value } = await reader.read();
				if (done) return { received, done: true };
				received += decoder.decode(value, { stream: true });
			}
			return { received, done: false };
		}

		it('sends the head at once and on every push, with heartbeats', async () => {
			const session = await client.signup();
			const first = await client.push(session.token, [counterEvent('counter-1', 1)]);
			const response = await server.handle(
				new Request('http://rewind.test/api/sync/live', {
					headers: { authorization: `Bearer ${session.token}` }
				})
			);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
			const reader = response.body!.getReader();

			const initial = await readUntil(reader, /\n\n/);
			expect(initial.received).toBe(`event: head\ndata: {"head":${first.body.head}}\n\n`);

			const next = await client.push(session.token, [counterEvent('counter-1', 2)]);
			const moved = await readUntil(reader, /"head":\d+}\n\n/);
			expect(moved.received).toContain(`event: head\ndata: {"head":${next.body.head}}\n\n`);

			const beat = await readUntil(reader, /: heartbeat\n\n/);
			expect(beat.done).toBe(false);
			await reader.cancel();
		});

		it("does not tell one workspace about another's pushes", async () => {
			const alice = await client.signup();
			const bob = await client.signup();
			const response = await server.endpoints.live(
				new Request('http://rewind.test/api/sync/live', {
					headers: { authorization: `Bearer ${bob.token}` }
				})
			);
			const reader = response.body!.getReader();
			expect((await readUntil(reader, /\n\n/)).received).toContain('{"head":0}');
			await client.push(alice.token, [counterEvent('counter-1', 1)]);
			const after = await readUntil(reader, /: heartbeat\n\n/);
			expect(after.received).not.toContain('event: head');
			await reader.cancel();
		});

		it('ends the stream when the session is revoked', async () => {
			const session = await client.signup();
			const response = await server.endpoints.live(
				new Request('http://rewind.test/api/sync/live', {
					headers: { authorization: `Bearer ${session.token}` }
				})
			);
			const reader = response.body!.getReader();
			await readUntil(reader, /\n\n/);
			await client.request('POST', '/api/auth/logout', { token: session.token });
			const rest = await readUntil(reader, /never/);
			expect(rest.done).toBe(true);
		});
	});

	describe('routing and health', () => {
		it('answers 404 for an unknown path and 405 with Allow for a wrong method, in JSON', async () => {
			const missing = await client.request('GET', '/api/sync/nothing');
			expect(missing.status).toBe(404);
			expect(Object.keys(missing.body)).toEqual(['error', 'message']);
			expect(missing.body.error).toBe('not_found');
			const wrong = await client.request('GET', '/api/sync/push');
			expect(wrong.status).toBe(405);
			expect(Object.keys(wrong.body)).toEqual(['error', 'message']);
			expect(wrong.body.error).toBe('method_not_allowed');
			expect(wrong.headers.get('allow')).toBe('POST, OPTIONS');
			const deleted = await client.request('DELETE', '/api/sync/pull');
			expect(deleted.status).toBe(405);
			expect(deleted.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
		});

		it('answers OPTIONS on every route with Allow, and 404 on an unknown one', async () => {
			for (const [path, methods] of Object.entries(ROUTES)) {
				const response = await client.request('OPTIONS', path);
				expect(response.status, path).toBe(204);
				const allow = response.headers.get('allow')!.split(', ');
				expect(allow).toEqual(expect.arrayContaining([...Object.keys(methods), 'OPTIONS']));
			}
			expect((await client.request('OPTIONS', '/api/nothing')).status).toBe(404);
		});

		it('answers HEAD like GET without a body, and HEAD live at once without opening a stream', async () => {
			const { token } = await client.signup();
			const pull = await client.request('HEAD', '/api/sync/pull', { token });
			expect(pull.status).toBe(200);
			expect(pull.headers.get('content-type')).toMatch(/^application\/json/);
			expect(pull.body).toBe('');
			expect((await client.request('HEAD', '/api/sync/pull')).status).toBe(401);
			expect((await client.request('HEAD', '/api/health')).status).toBe(200);

			const live = await server.handle(
				new Request('http://rewind.test/api/sync/live', {
					method: 'HEAD',
					headers: { authorization: `Bearer ${token}` }
				})
			);
			expect(live.status).toBe(200);
			expect(live.headers.get('content-type')).toMatch(/^text\/event-stream/);
			expect(live.body).toBeNull();
			expect((await client.request('HEAD', '/api/sync/live')).status).toBe(401);
		});

		it('reports health: 200 {status, database}, and nothing about any workspace', async () => {
			const response = await client.request('GET', '/api/health');
			expect(response.status).toBe(200);
			expect(response.body).toEqual({ status: 'ok', database: backend.kind });
		});
	});

	describe('rate limit', () => {
		it('answers 429 with Retry-After once a token has used its requests', async () => {
			// A second server on the same database, with a tiny limit; shut down, never closed.
			const limited = await startSyncServer({
				database: server.database,
				registry: testRegistry,
				logger: silentLogger,
				rateLimit: { requests: 3, windowMs: 60_000 }
			});
			const limitedClient = new TestClient(limited);
			const session = await limitedClient.signup();
			const statuses = [];
			for (let i = 0; i < 4; i++) statuses.push((await limitedClient.pull(session.token)).status);
			expect(statuses).toEqual([200, 200, 200, 429]);
			const refused = await limitedClient.pull(session.token);
			expect(refused.body).toMatchObject({ error: 'rate_limited' });
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
			// Another token has its own budget.
			expect((await limitedClient.pull((await limitedClient.signup()).token)).status).toBe(200);
			limited.shutdown();
			expect((await limitedClient.pull(session.token)).status).toBe(503);
		});
	});
});
