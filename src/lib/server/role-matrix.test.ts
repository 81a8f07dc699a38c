import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MembersResponse, SessionResponse, SessionsResponse } from '../protocol';
import { silentLogger } from './logger';
import { ROUTES, startSyncServer, type SyncServer } from './sync-server';
import { counterEvent, TEST_PASSWORD, TestClient, testBackends } from './testing';
import { testRegistry } from '../testing';

type EndpointName = keyof SyncServer['endpoints'];
type Actor = 'owner' | 'member' | 'viewer' | 'removed' | 'nobody';
const ACTORS: Actor[] = ['owner', 'member', 'viewer', 'removed', 'nobody'];

interface Call {
	method: string;
	path: string;
	json?: unknown;
}

/** What one cell of the matrix knows: the workspace, and the actor's token and name. */
interface Cell {
	actor: Actor;
	token: string | undefined;
	name: string;
	workspace: string;
	ownerToken: string;
	/** A fresh member of the workspace that a call may change. */
	target(): Promise<SessionResponse>;
}

interface Case {
	call(cell: Cell): Call | Promise<Call>;
	/** Whether the call ends or changes the actor's sessions: then the actor is a fresh person. */
	spendsToken?: boolean;
	expected: Record<Actor, number>;
}

const anyone = (status: number) => ({
	owner: status,
	member: status,
	viewer: status,
	removed: 401,
	nobody: 401
});

const ownerOnly = (status: number) => ({
	owner: status,
	member: 403,
	viewer: 403,
	removed: 401,
	nobody: 401
});

/** Nothing listens there: the deliverer's attempts fail quietly until the server closes. */
const WEBHOOK = { url: 'http://127.0.0.1:9/hook', eventTypes: ['Incremented'] };

/** A webhook of the cell's workspace, registered by its owner. */
async function registerWebhook(cell: Cell): Promise<string> {
	const response = await client.request<{ webhookId: string }>('POST', '/api/workspace/webhooks', {
		token: cell.ownerToken,
		json: WEBHOOK
	});
	expect(response.status).toBe(201);
	return response.body.webhookId;
}

/**
 * Every endpoint of ROUTES, called by an owner, a member, a viewer, a removed person (with the
 * token they had) and nobody (no token), with a request that would succeed for the right role.
 */
const CASES: Record<EndpointName, Case> = {
	signup: {
		call: () => ({
			method: 'POST',
			path: '/api/auth/signup',
			json: { workspace: `ws-${crypto.randomUUID()}`, name: 'new', password: TEST_PASSWORD }
		}),
		expected: { owner: 201, member: 201, viewer: 201, removed: 201, nobody: 201 }
	},
	login: {
		call: (cell) => ({
			method: 'POST',
			path: '/api/auth/login',
			json: {
				workspace: cell.workspace,
				name: cell.actor === 'nobody' ? 'no-such-person' : cell.name,
				password: TEST_PASSWORD
			}
		}),
		expected: anyone(200)
	},
	logout: {
		call: () => ({ method: 'POST', path: '/api/auth/logout' }),
		spendsToken: true,
		expected: anyone(204)
	},
	changePassword: {
		call: () => ({
			method: 'POST',
			path: '/api/auth/password',
			json: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }
		}),
		spendsToken: true,
		expected: anyone(200)
	},
	listSessions: {
		call: () => ({ method: 'GET', path: '/api/auth/sessions' }),
		expected: anyone(200)
	},
	revokeSession: {
		call: async (cell) => {
			// The actor's own session; the owner's for those who have none that works.
			const token =
				cell.actor === 'owner' || cell.actor === 'member' || cell.actor === 'viewer'
					? cell.token
					: cell.ownerToken;
			const listed = await client.request<SessionsResponse>('GET', '/api/auth/sessions', { token });
			const sessionId = listed.body.sessions.find((session) => session.current)!.sessionId;
			return { method: 'DELETE', path: `/api/auth/sessions/${sessionId}` };
		},
		spendsToken: true,
		expected: anyone(204)
	},
	createInvite: {
		call: () => ({
			method: 'POST',
			path: '/api/workspace/invites',
			json: { role: 'viewer' }
		}),
		expected: { owner: 201, member: 403, viewer: 403, removed: 401, nobody: 401 }
	},
	listMembers: {
		call: () => ({ method: 'GET', path: '/api/workspace/members' }),
		expected: anyone(200)
	},
	changeRole: {
		call: async (cell) => ({
			method: 'PATCH',
			path: `/api/workspace/members/${(await cell.target()).userId}`,
			json: { role: 'viewer' }
		}),
		expected: { owner: 200, member: 403, viewer: 403, removed: 401, nobody: 401 }
	},
	removeMember: {
		call: async (cell) => ({
			method: 'DELETE',
			path: `/api/workspace/members/${(await cell.target()).userId}`
		}),
		expected: { owner: 200, member: 403, viewer: 403, removed: 401, nobody: 401 }
	},
	listWebhooks: {
		call: () => ({ method: 'GET', path: '/api/workspace/webhooks' }),
		expected: ownerOnly(200)
	},
	registerWebhook: {
		call: () => ({ method: 'POST', path: '/api/workspace/webhooks', json: WEBHOOK }),
		expected: ownerOnly(201)
	},
	deleteWebhook: {
		call: async (cell) => ({
			method: 'DELETE',
			path: `/api/workspace/webhooks/${await registerWebhook(cell)}`
		}),
		expected: ownerOnly(200)
	},
	listDeadLetters: {
		call: async (cell) => ({
			method: 'GET',
			path: `/api/workspace/webhooks/${await registerWebhook(cell)}/dead-letters`
		}),
		expected: ownerOnly(200)
	},
	redeliver: {
		call: async (cell) => ({
			method: 'POST',
			path: `/api/workspace/webhooks/${await registerWebhook(cell)}/redeliver`,
			json: {}
		}),
		expected: ownerOnly(202)
	},
	seriesPrefix: {
		call: () => ({
			method: 'POST',
			path: '/api/workspace/series',
			json: { deviceId: `device-${crypto.randomUUID()}` }
		}),
		expected: { owner: 200, member: 200, viewer: 403, removed: 401, nobody: 401 }
	},
	push: {
		call: () => ({
			method: 'POST',
			path: '/api/sync/push',
			json: { deviceId: 'd', events: [counterEvent(`counter-${crypto.randomUUID()}`, 1)] }
		}),
		expected: { owner: 200, member: 200, viewer: 403, removed: 401, nobody: 401 }
	},
	pull: {
		call: () => ({ method: 'GET', path: '/api/sync/pull?after=0' }),
		expected: anyone(200)
	},
	live: { call: () => ({ method: 'GET', path: '/api/sync/live' }), expected: anyone(200) },
	health: {
		call: () => ({ method: 'GET', path: '/api/health' }),
		expected: { owner: 200, member: 200, viewer: 200, removed: 200, nobody: 200 }
	}
};

let client: TestClient;

describe.each(testBackends())('who may do what on $kind', { timeout: 60_000 }, (backend) => {
	let server: SyncServer;
	const workspace = `ws-${crypto.randomUUID()}`;
	const people: Partial<Record<Actor, SessionResponse>> = {};
	let removedToken: string;
	let targets = 0;

	beforeAll(async () => {
		server = await startSyncServer({
			database: await backend.open(),
			registry: testRegistry,
			logger: silentLogger,
			rateLimit: false,
			webhooks: { allowPrivate: true }
		});
		client = new TestClient(server);
		people.owner = await client.signup(workspace, 'olive');
		people.member = await client.join(people.owner.token, 'mona', 'member');
		people.viewer = await client.join(people.owner.token, 'vic', 'viewer');
		const removed = await client.join(people.owner.token, 'rex', 'member');
		removedToken = removed.token;
		const gone = await client.request('DELETE', `/api/workspace/members/${removed.userId}`, {
			token: people.owner.token
		});
		expect(gone.status).toBe(200);
	}, 60_000);

	afterAll(async () => {
		await server?.close();
	});

	it('has a case for every endpoint of ROUTES, so a new one cannot be forgotten', () => {
		const routed = Object.values(ROUTES).flatMap((methods) => Object.values(methods));
		expect([...new Set(routed)].sort()).toEqual(Object.keys(CASES).sort());
	});

	const cells = Object.entries(ROUTES).flatMap(([route, methods]) =>
		Object.entries(methods).flatMap(([method, name]) =>
			ACTORS.map((actor) => ({ route, method, name, actor }))
		)
	);

	it.each(cells)('$method $route by $actor', async ({ method, name, actor }) => {
		const spec = CASES[name];
		let token: string | undefined;
		let personName = { owner: 'olive', member: 'mona', viewer: 'vic', removed: 'rex', nobody: '' }[
			actor
		];
		if (actor === 'removed') token = removedToken;
		else if (actor !== 'nobody') {
			token = people[actor]!.token;
			if (spec.spendsToken) {
				// A person of their own with the same role, so the shared tokens stay valid.
				personName = `${actor}-${crypto.randomUUID().slice(0, 8)}`;
				token = (await client.join(people.owner!.token, personName, actor)).token;
			}
		}
		const cell: Cell = {
			actor,
			token,
			name: personName,
			workspace,
			ownerToken: people.owner!.token,
			target: () => client.join(people.owner!.token, `target-${++targets}`, 'member')
		};
		const call = await spec.call(cell);
		expect(call.method).toBe(method);
		const response = await server.handle(
			new Request(`http://rewind.test${call.path}`, {
				method: call.method,
				headers: {
					...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
					...(call.json === undefined ? {} : { 'content-type': 'application/json' })
				},
				body: call.json === undefined ? undefined : JSON.stringify(call.json)
			})
		);
		const expected = spec.expected[actor];
		expect(response.status).toBe(expected);
		// A live stream never ends by itself: what matters is that it opened.
		if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
			await response.body?.cancel();
			return;
		}
		const text = await response.text();
		if (expected === 401) {
			const body = JSON.parse(text) as { error: string; reason?: string };
			expect(body.error).toBe('unauthorized');
			if (actor === 'removed') expect(body.reason).toBe('removed');
			if (actor === 'nobody') expect(body.reason).toBeUndefined();
		}
		if (expected === 403) {
			const body = JSON.parse(text) as { error: string; message: string };
			expect(body.error).toBe('forbidden');
			expect(body.message).toMatch(/owner|Viewers/);
		}
	});

	it('a refused change changes nothing: members and viewers leave roles, people and the log as they were', async () => {
		const owner = people.owner!;
		const target = await client.join(owner.token, `kept-${crypto.randomUUID().slice(0, 8)}`);
		const before = await client.pullPage(owner.token);
		for (const actor of ['member', 'viewer'] as const) {
			const token = people[actor]!.token;
			const path = `/api/workspace/members/${target.userId}`;
			expect((await client.request('PATCH', path, { token, json: { role: 'owner' } })).status).toBe(
				403
			);
			expect((await client.request('DELETE', path, { token })).status).toBe(403);
		}
		expect(
			(await client.push(people.viewer!.token, [counterEvent('viewer-stream', 1)])).status
		).toBe(403);
		const members = await client.request<MembersResponse>('GET', '/api/workspace/members', {
			token: owner.token
		});
		expect(members.body.members.find((m) => m.userId === target.userId)).toMatchObject({
			role: 'member',
			removedAt: null
		});
		expect((await client.pullPage(owner.token)).head).toBe(before.head);
		expect((await client.pull(target.token)).status).toBe(200);
	});
});
