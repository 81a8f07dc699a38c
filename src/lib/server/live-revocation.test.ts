import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionsResponse } from '../protocol';
import type { SyncServer } from './sync-server';
import {
	startTwoServers,
	TEST_PASSWORD,
	TestClient,
	testBackends,
	type TwoServers
} from './testing';

/** Far longer than the test waits: only the revocation notice can close a stream in time. */
const HEARTBEAT_MS = 60_000;

interface OpenStream {
	/** Resolves `closed` when the stream ends, `open` if it is still open after `ms`. */
	closedWithin(ms: number): Promise<'closed' | 'open'>;
	cancel(): Promise<void>;
}

async function openLive(server: SyncServer, token: string): Promise<OpenStream> {
	const response = await server.handle(
		new Request('http://rewind.test/api/sync/live', {
			headers: { authorization: `Bearer ${token}` }
		})
	);
	expect(response.status).toBe(200);
	const reader = response.body!.getReader();
	// The first head arrives at once: the stream is open and subscribed.
	expect((await reader.read()).done).toBe(false);
	const ended = (async () => {
		for (;;) if ((await reader.read()).done) return 'closed' as const;
	})();
	return {
		async closedWithin(ms) {
			let timer: ReturnType<typeof setTimeout> | undefined;
			const open = new Promise<'open'>((resolve) => (timer = setTimeout(resolve, ms, 'open')));
			const outcome = await Promise.race([ended, open]);
			clearTimeout(timer);
			return outcome;
		},
		cancel: () => reader.cancel().catch(() => {})
	};
}

describe.each(testBackends())(
	'revocations close live streams on $kind',
	{ timeout: 30_000 },
	(backend) => {
		let first: SyncServer;
		let second: SyncServer;
		let servers: TwoServers;
		let client: TestClient;

		beforeAll(async () => {
			servers = await startTwoServers(backend, { rateLimit: false, heartbeatMs: HEARTBEAT_MS });
			({ first, second } = servers);
			client = new TestClient(first);
		}, 60_000);

		afterAll(() => servers?.close());

		it('removing a person closes their streams within a second, on this server and the other', async () => {
			const owner = await client.signup();
			const leaver = await client.join(owner.token, 'lee');
			const here = await openLive(first, leaver.token);
			const there = await openLive(second, leaver.token);
			const ownerStream = await openLive(second, owner.token);

			const removed = await client.request('DELETE', `/api/workspace/members/${leaver.userId}`, {
				token: owner.token
			});
			expect(removed.status).toBe(200);
			expect(await here.closedWithin(1000)).toBe('closed');
			expect(await there.closedWithin(1000)).toBe('closed');
			// Nobody else's stream ends.
			expect(await ownerStream.closedWithin(200)).toBe('open');
			await ownerStream.cancel();
			// A stream opened again is refused, with the reason.
			const again = await new TestClient(second).request('GET', '/api/sync/live', {
				token: leaver.token
			});
			expect(again.status).toBe(401);
			expect(again.body.reason).toBe('removed');
		});

		it("a password change closes the other sessions' streams within a second, and keeps its own", async () => {
			const workspace = `ws-${crypto.randomUUID()}`;
			const mine = await client.signup(workspace, 'ada');
			const other = (await client.login(workspace, 'ada', TEST_PASSWORD, 'Laptop')).body;
			const otherStream = await openLive(second, other.token);
			const myStream = await openLive(second, mine.token);

			const changed = await client.request('POST', '/api/auth/password', {
				token: mine.token,
				json: { currentPassword: TEST_PASSWORD, newPassword: 'another good secret' }
			});
			expect(changed.status).toBe(200);
			expect(await otherStream.closedWithin(1000)).toBe('closed');
			expect(await myStream.closedWithin(300)).toBe('open');
			await myStream.cancel();
		});

		it('revoking a session closes its stream within a second', async () => {
			const workspace = `ws-${crypto.randomUUID()}`;
			const mine = await client.signup(workspace, 'ada');
			const other = (await client.login(workspace, 'ada', TEST_PASSWORD, 'Phone')).body;
			const otherStream = await openLive(second, other.token);
			const listed = await client.request<SessionsResponse>('GET', '/api/auth/sessions', {
				token: mine.token
			});
			const phone = listed.body.sessions.find((s) => s.device === 'Phone')!;
			const revoked = await client.request('DELETE', `/api/auth/sessions/${phone.sessionId}`, {
				token: mine.token
			});
			expect(revoked.status).toBe(204);
			expect(await otherStream.closedWithin(1000)).toBe('closed');
		});
	}
);
