import { describe, expect, it } from 'vitest';
import { counterEvent, TEST_PASSWORD, testBackends, useTestServer } from './testing';

// A request is checked when it arrives, but its body may take minutes to follow (a slow
// phone, or someone holding it back on purpose). Whatever it writes, it writes only if its
// author may still write it when the body is in: a removal, a role change or a sign-out that
// came in between wins (DESIGN.md, "Who may do what": revoked "at once").

/** A JSON body sent in two parts: the first at once, the rest when `finish` is called. */
function slowBody(json: unknown) {
	const bytes = new TextEncoder().encode(JSON.stringify(json));
	let started!: () => void;
	let finish!: () => void;
	const reading = new Promise<void>((resolve) => (started = resolve));
	const finished = new Promise<void>((resolve) => (finish = resolve));
	let part = 0;
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (part++ === 0) {
				controller.enqueue(bytes.slice(0, 10));
				started();
				return;
			}
			await finished;
			controller.enqueue(bytes.slice(10));
			controller.close();
		}
	});
	return { body, reading, finish };
}

describe.each(testBackends())(
	'requests whose body comes late, on $kind',
	{ timeout: 30_000 },
	(backend) => {
		const running = useTestServer(backend);
		const { client } = running;

		/** Starts a request with a slow body; resolves once the handler is reading it (checks done). */
		async function startSlow(path: string, token: string, json: unknown) {
			const slow = slowBody(json);
			const answer = running.server.handle(
				new Request(`http://rewind.test${path}`, {
					method: 'POST',
					headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
					body: slow.body,
					duplex: 'half'
				} as RequestInit)
			);
			await slow.reading;
			return async () => {
				slow.finish();
				const response = await answer;
				return {
					status: response.status,
					body: (await response.json()) as Record<string, unknown>
				};
			};
		}

		const pushBody = (streamId: string) => ({
			deviceId: 'device-slow',
			events: [counterEvent(streamId, 1), counterEvent(streamId, 2)]
		});

		it('a push whose author is removed before its body is in stores nothing', async () => {
			const owner = await client.signup();
			const member = await client.join(owner.token, 'mo');
			const finish = await startSlow('/api/sync/push', member.token, pushBody('counter-removed'));
			const removed = await client.request('DELETE', `/api/workspace/members/${member.userId}`, {
				token: owner.token
			});
			expect(removed.status).toBe(200);
			const answer = await finish();
			expect(answer.status).toBe(401);
			expect(answer.body.reason).toBe('removed');
			expect(await client.pullAll(owner.token)).toEqual([]);
		});

		it('a push whose author is made a viewer before its body is in is 403, and stores nothing', async () => {
			const owner = await client.signup();
			const member = await client.join(owner.token, 'mo');
			const finish = await startSlow('/api/sync/push', member.token, pushBody('counter-viewer'));
			const demoted = await client.request('PATCH', `/api/workspace/members/${member.userId}`, {
				token: owner.token,
				json: { role: 'viewer' }
			});
			expect(demoted.status).toBe(200);
			expect((await finish()).status).toBe(403);
			expect(await client.pullAll(owner.token)).toEqual([]);
		});

		it('a push whose session signs out before its body is in stores nothing', async () => {
			const workspace = `ws-${crypto.randomUUID()}`;
			const owner = await client.signup(workspace);
			const finish = await startSlow('/api/sync/push', owner.token, pushBody('counter-out'));
			const out = await client.request('POST', '/api/auth/logout', { token: owner.token });
			expect(out.status).toBe(204);
			const answer = await finish();
			expect(answer.status).toBe(401);
			expect(answer.body.reason).toBe('revoked');
			const again = await client.login(workspace, 'ada');
			expect(await client.pullAll(again.body.token)).toEqual([]);
		});

		it('an invite asked by an owner removed before its body is in makes no code', async () => {
			const first = await client.signup();
			const second = await client.join(first.token, 'otto', 'owner');
			const finish = await startSlow('/api/workspace/invites', second.token, { role: 'owner' });
			const removed = await client.request('DELETE', `/api/workspace/members/${second.userId}`, {
				token: first.token
			});
			expect(removed.status).toBe(200);
			const answer = await finish();
			expect(answer.status).toBe(401);
			expect(answer.body).not.toHaveProperty('code');
		});

		it('two password changes at once: one is made, the other refused, and the made one works', async () => {
			const workspace = `ws-${crypto.randomUUID()}`;
			await client.signup(workspace, 'ada');
			const [a, b] = await Promise.all([
				client.login(workspace, 'ada'),
				client.login(workspace, 'ada')
			]);
			const change = (token: string, newPassword: string) =>
				client.request('POST', '/api/auth/password', {
					token,
					json: { currentPassword: TEST_PASSWORD, newPassword }
				});
			const answers = await Promise.all([
				change(a.body.token, 'first new password'),
				change(b.body.token, 'second new password')
			]);
			const statuses = answers.map((answer) => answer.status).sort();
			expect(statuses).toEqual([200, 401]);
			const won = answers[0].status === 200 ? 'first new password' : 'second new password';
			const lost = won === 'first new password' ? 'second new password' : 'first new password';
			expect((await client.login(workspace, 'ada', won)).status).toBe(200);
			expect((await client.login(workspace, 'ada', lost)).status).toBe(401);
			expect((await client.login(workspace, 'ada', TEST_PASSWORD)).status).toBe(401);
		});
	}
);
