import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	changePasswordResponseSchema,
	sessionsResponseSchema,
	type SessionInfo
} from '../protocol';
import { silentLogger } from './logger';
import { startSyncServer, type SyncServer } from './sync-server';
import { TEST_PASSWORD, TestClient, testBackends } from './testing';
import { testRegistry } from '../testing';

const DAY = 24 * 60 * 60 * 1000;

describe.each(testBackends())('sessions and passwords on $kind', { timeout: 30_000 }, (backend) => {
	let server: SyncServer;
	let client: TestClient;
	let clockOffset = 0;

	beforeAll(async () => {
		server = await startSyncServer({
			database: await backend.open(),
			registry: testRegistry,
			logger: silentLogger,
			now: () => new Date(Date.now() + clockOffset),
			rateLimit: false
		});
		client = new TestClient(server);
	}, 60_000);

	afterAll(async () => {
		clockOffset = 0;
		await server?.close();
	});

	const sessions = async (token: string): Promise<SessionInfo[]> => {
		const response = await client.request('GET', '/api/auth/sessions', { token });
		expect(response.status).toBe(200);
		return sessionsResponseSchema.parse(response.body).sessions;
	};
	const changePassword = (token: string, currentPassword: string, newPassword: string) =>
		client.request('POST', '/api/auth/password', {
			token,
			json: { currentPassword, newPassword }
		});

	/** A person signed in on three devices. */
	async function threeDevices() {
		const workspace = `ws-${crypto.randomUUID()}`;
		const first = await client.signup(workspace, 'ada');
		const phone = await client.login(workspace, 'ada', TEST_PASSWORD, 'Phone');
		const laptop = await client.login(workspace, 'ada', TEST_PASSWORD, 'Laptop');
		return { workspace, first, phone: phone.body, laptop: laptop.body };
	}

	describe('listing and revoking sessions', () => {
		it("lists the caller's own live sessions only: device, times, which is current; never the token", async () => {
			const { first, phone, laptop } = await threeDevices();
			const stranger = await client.signup();
			const listed = await sessions(phone.token);
			expect(listed).toHaveLength(3);
			expect(listed.filter((s) => s.current).map((s) => s.device)).toEqual(['Phone']);
			expect(listed.map((s) => s.device).sort()).toEqual(['Laptop', 'Phone', null].sort());
			const text = JSON.stringify(listed);
			for (const token of [first.token, phone.token, laptop.token]) {
				expect(text).not.toContain(token);
			}
			const theirs = await sessions(stranger.token);
			expect(theirs).toHaveLength(1);
			expect(listed.map((s) => s.sessionId)).not.toContain(theirs[0]!.sessionId);
		});

		it("revokes one of the caller's sessions: 204, that token is 401 revoked; 404 for anyone else's", async () => {
			const { first, phone, laptop } = await threeDevices();
			const stranger = await client.signup();
			const strangerSession = (await sessions(stranger.token))[0]!.sessionId;
			const listed = await sessions(first.token);
			const laptopSession = listed.find((s) => s.device === 'Laptop')!.sessionId;

			const foreign = await client.request('DELETE', `/api/auth/sessions/${strangerSession}`, {
				token: first.token
			});
			expect(foreign.status).toBe(404);
			expect(foreign.body.error).toBe('not_found');
			expect((await client.pull(stranger.token)).status).toBe(200);

			const revoked = await client.request('DELETE', `/api/auth/sessions/${laptopSession}`, {
				token: first.token
			});
			expect(revoked.status).toBe(204);
			const refused = await client.pull(laptop.token);
			expect(refused.status).toBe(401);
			expect(refused.body.reason).toBe('revoked');
			expect((await client.pull(phone.token)).status).toBe(200);
			expect((await sessions(first.token)).map((s) => s.device).sort()).toEqual(
				['Phone', null].sort()
			);

			// Revoked already, made up: not a live session of the caller's.
			for (const id of [laptopSession, 'made-up']) {
				const response = await client.request('DELETE', `/api/auth/sessions/${id}`, {
					token: first.token
				});
				expect(response.status).toBe(404);
			}
		});

		it('logout leaves a 401 that says revoked; an expired token says expired', async () => {
			const { phone, laptop } = await threeDevices();
			expect(
				(await client.request('POST', '/api/auth/logout', { token: phone.token })).status
			).toBe(204);
			expect((await client.pull(phone.token)).body).toMatchObject({
				error: 'unauthorized',
				reason: 'revoked'
			});
			clockOffset = 31 * DAY;
			try {
				const expired = await client.pull(laptop.token);
				expect(expired.status).toBe(401);
				expect(expired.body.reason).toBe('expired');
			} finally {
				clockOffset = 0;
			}
		});

		it('lastUsedAt moves with use, at most about once a minute', async () => {
			const { phone } = await threeDevices();
			const initial = (await sessions(phone.token)).find((s) => s.current)!;
			expect(initial.lastUsedAt).toBe(initial.createdAt);
			await client.pull(phone.token);
			expect((await sessions(phone.token)).find((s) => s.current)!.lastUsedAt).toBe(
				initial.lastUsedAt
			);
			clockOffset = 2 * 60_000;
			try {
				await client.pull(phone.token);
				const later = (await sessions(phone.token)).find((s) => s.current)!;
				expect(Date.parse(later.lastUsedAt) - Date.parse(initial.lastUsedAt)).toBeGreaterThan(
					60_000
				);
				const order = await sessions(phone.token);
				expect(order[0]!.current).toBe(true);
			} finally {
				clockOffset = 0;
			}
		});
	});

	describe('password change', () => {
		it('revokes every other session and keeps this one: 200 {revokedSessions}', async () => {
			const { workspace, first, phone, laptop } = await threeDevices();
			const response = await changePassword(phone.token, TEST_PASSWORD, 'a brand new secret');
			expect(response.status).toBe(200);
			expect(changePasswordResponseSchema.parse(response.body)).toEqual({ revokedSessions: 2 });

			for (const token of [first.token, laptop.token]) {
				const refused = await client.pull(token);
				expect(refused.status).toBe(401);
				expect(refused.body.reason).toBe('password_changed');
			}
			expect((await client.pull(phone.token)).status).toBe(200);
			expect((await sessions(phone.token)).map((s) => s.device)).toEqual(['Phone']);
			expect((await client.login(workspace, 'ada')).status).toBe(401);
			expect((await client.login(workspace, 'ada', 'a brand new secret')).status).toBe(200);
		});

		it('a wrong current password is 401 and changes nothing; a short new one is 400', async () => {
			const { workspace, phone, laptop } = await threeDevices();
			const wrong = await changePassword(phone.token, 'not my password', 'a brand new secret');
			expect(wrong.status).toBe(401);
			expect(wrong.body.error).toBe('unauthorized');
			expect(wrong.body.reason).toBeUndefined();
			const short = await changePassword(phone.token, TEST_PASSWORD, 'short');
			expect(short.status).toBe(400);
			expect(short.body.issues?.[0]?.path).toEqual(['newPassword']);
			expect((await client.pull(laptop.token)).status).toBe(200);
			expect((await client.pull(phone.token)).status).toBe(200);
			expect((await client.login(workspace, 'ada')).status).toBe(200);
		});
	});
});
