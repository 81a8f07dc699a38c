import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionsResponse } from '../protocol';
import {
	counterEvent,
	startTwoServers,
	TEST_PASSWORD,
	TestClient,
	testBackends,
	type TwoServers
} from './testing';

/** Far longer than any test waits: only forgetting a session can refuse it in time. */
const CACHE_MS = 60_000;

/** Repeats `call` until it answers `status`, for at most `ms`; returns the last answer's status. */
async function statusWithin(
	ms: number,
	status: number,
	call: () => Promise<{ status: number }>
): Promise<number> {
	const deadline = Date.now() + ms;
	for (;;) {
		const answer = await call();
		if (answer.status === status || Date.now() > deadline) return answer.status;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

describe.each(testBackends())(
	'cached sessions on $kind, two servers on one database',
	{ timeout: 30_000 },
	(backend) => {
		let servers: TwoServers;
		let here: TestClient;
		let there: TestClient;

		beforeAll(async () => {
			servers = await startTwoServers(backend, { rateLimit: false, sessionCacheMs: CACHE_MS });
			here = new TestClient(servers.first);
			there = new TestClient(servers.second);
		}, 60_000);

		afterAll(() => servers?.close());

		/** A person whose session both servers have checked, and so hold. */
		async function cachedEverywhere(ownerToken: string, name: string, role = 'member' as const) {
			const person = await here.join(ownerToken, name, role);
			expect((await here.pull(person.token)).status).toBe(200);
			expect((await there.pull(person.token)).status).toBe(200);
			return person;
		}

		it('a removed person is refused at once by the server that removed them, and within a second by the other', async () => {
			const owner = await here.signup();
			const lee = await cachedEverywhere(owner.token, 'lee');

			const removed = await here.request('DELETE', `/api/workspace/members/${lee.userId}`, {
				token: owner.token
			});
			expect(removed.status).toBe(200);
			const refused = await here.pull(lee.token);
			expect(refused.status).toBe(401);
			expect(refused.body.reason).toBe('removed');
			expect(await statusWithin(1000, 401, () => there.pull(lee.token))).toBe(401);
			// The owner's own cached session is untouched.
			expect((await there.pull(owner.token)).status).toBe(200);
		});

		it('a member made a viewer can no longer push: at once here, within a second there', async () => {
			const owner = await here.signup();
			const lee = await cachedEverywhere(owner.token, 'lee');
			const push = (client: TestClient) =>
				client.push(lee.token, [counterEvent(`s-${crypto.randomUUID()}`, 1)]);
			expect((await push(here)).status).toBe(200);
			expect((await push(there)).status).toBe(200);

			const changed = await here.request('PATCH', `/api/workspace/members/${lee.userId}`, {
				token: owner.token,
				json: { role: 'viewer' }
			});
			expect(changed.status).toBe(200);
			expect((await push(here)).status).toBe(403);
			expect(await statusWithin(1000, 403, () => push(there))).toBe(403);
			// A viewer still reads.
			expect((await there.pull(lee.token)).status).toBe(200);
		});

		it('a signed-out session and the sessions a password change ends are refused everywhere', async () => {
			const workspace = `ws-${crypto.randomUUID()}`;
			const mine = await here.signup(workspace, 'ada');
			const phone = (await here.login(workspace, 'ada', TEST_PASSWORD, 'Phone')).body;
			const laptop = (await here.login(workspace, 'ada', TEST_PASSWORD, 'Laptop')).body;
			for (const token of [mine.token, phone.token, laptop.token]) {
				expect((await here.pull(token)).status).toBe(200);
				expect((await there.pull(token)).status).toBe(200);
			}

			const listed = await here.request<SessionsResponse>('GET', '/api/auth/sessions', {
				token: mine.token
			});
			const phoneId = listed.body.sessions.find((s) => s.device === 'Phone')!.sessionId;
			const revoked = await here.request('DELETE', `/api/auth/sessions/${phoneId}`, {
				token: mine.token
			});
			expect(revoked.status).toBe(204);
			expect((await here.pull(phone.token)).status).toBe(401);
			expect(await statusWithin(1000, 401, () => there.pull(phone.token))).toBe(401);
			expect((await there.pull(laptop.token)).status).toBe(200);

			const changed = await here.request('POST', '/api/auth/password', {
				token: mine.token,
				json: { currentPassword: TEST_PASSWORD, newPassword: 'another good secret' }
			});
			expect(changed.status).toBe(200);
			expect((await here.pull(laptop.token)).status).toBe(401);
			expect(await statusWithin(1000, 401, () => there.pull(laptop.token))).toBe(401);
			expect((await there.pull(mine.token)).status).toBe(200);

			const loggedOut = await there.request('POST', '/api/auth/logout', { token: mine.token });
			expect(loggedOut.status).toBe(204);
			expect((await there.pull(mine.token)).status).toBe(401);
			expect(await statusWithin(1000, 401, () => here.pull(mine.token))).toBe(401);
		});
	}
);
