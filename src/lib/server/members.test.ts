import { describe, expect, it } from 'vitest';
import {
	memberSchema,
	membersResponseSchema,
	sessionResponseSchema,
	type Member,
	type MembersResponse
} from '../protocol';
import { counterEvent, TEST_PASSWORD, testBackends, useTestServer } from './testing';

describe.each(testBackends())('members and roles on $kind', { timeout: 30_000 }, (backend) => {
	const { client } = useTestServer(backend);

	const members = async (token: string) => {
		const response = await client.request<MembersResponse>('GET', '/api/workspace/members', {
			token
		});
		expect(response.status).toBe(200);
		return membersResponseSchema.parse(response.body);
	};
	const setRole = (token: string, userId: string, role: string) =>
		client.request<Member>('PATCH', `/api/workspace/members/${userId}`, {
			token,
			json: { role }
		});
	const remove = (token: string, userId: string) =>
		client.request<Member>('DELETE', `/api/workspace/members/${userId}`, { token });

	describe('invites carry a role', () => {
		it('the creator is the first owner; each invite joins with its role, member by default', async () => {
			const owner = await client.signup();
			expect(owner.role).toBe('owner');
			for (const role of ['owner', 'member', 'viewer'] as const) {
				const invite = await client.request('POST', '/api/workspace/invites', {
					token: owner.token,
					json: { role }
				});
				expect(invite.status).toBe(201);
				expect(Object.keys(invite.body).sort()).toEqual(['code', 'role']);
				expect(invite.body.role).toBe(role);
				const joined = await client.request('POST', '/api/auth/signup', {
					json: { name: `p-${role}`, password: TEST_PASSWORD, invite: invite.body.code }
				});
				expect(joined.status).toBe(201);
				expect(sessionResponseSchema.parse(joined.body).role).toBe(role);
			}
			const plain = await client.request('POST', '/api/workspace/invites', { token: owner.token });
			expect(plain.body.role).toBe('member');
			const listed = await members(owner.token);
			expect(listed.you).toEqual({ userId: owner.userId, role: 'owner' });
			expect(listed.members.map((m) => [m.name, m.role])).toEqual([
				['ada', 'owner'],
				['p-member', 'member'],
				['p-owner', 'owner'],
				['p-viewer', 'viewer']
			]);
		});

		it('an invite for an unknown role, or with other fields, is 400 and makes no code', async () => {
			const owner = await client.signup();
			for (const json of [{ role: 'admin' }, { role: 'member', extra: 1 }, []]) {
				const response = await client.request('POST', '/api/workspace/invites', {
					token: owner.token,
					json
				});
				expect(response.status).toBe(400);
				expect(response.body.error).toBe('invalid_request');
			}
		});

		it('login answers with the role, and an owner given by invite can invite in turn', async () => {
			const workspace = `ws-${crypto.randomUUID()}`;
			const owner = await client.signup(workspace);
			await client.join(owner.token, 'vera', 'viewer');
			const login = await client.login(workspace, 'vera');
			expect(login.status).toBe(200);
			expect(login.body.role).toBe('viewer');
			const second = await client.join(owner.token, 'otto', 'owner');
			expect((await client.invite(second.token, 'viewer')).length).toBeGreaterThan(0);
		});
	});

	describe('viewers', () => {
		it('pull and list members, but a push is 403 with a reason and stores nothing', async () => {
			const owner = await client.signup();
			await client.push(owner.token, [counterEvent('c', 1)]);
			const viewer = await client.join(owner.token, 'vic', 'viewer');
			const refused = await client.push(viewer.token, [counterEvent('c', 2)]);
			expect(refused.status).toBe(403);
			expect(refused.body.error).toBe('forbidden');
			expect(refused.body.message).toMatch(/Viewers can read .* not change it/);
			expect((await client.pullAll(viewer.token)).map((e) => e.version)).toEqual([1]);
			expect((await members(viewer.token)).you.role).toBe('viewer');
		});

		it('a viewer made a member can push at once, a member made a viewer cannot', async () => {
			const owner = await client.signup();
			const person = await client.join(owner.token, 'pat', 'viewer');
			expect((await setRole(owner.token, person.userId, 'member')).status).toBe(200);
			expect((await client.push(person.token, [counterEvent('p', 1)])).status).toBe(200);
			expect((await setRole(owner.token, person.userId, 'viewer')).body.role).toBe('viewer');
			expect((await client.push(person.token, [counterEvent('p', 2)])).status).toBe(403);
		});
	});

	describe('changing roles', () => {
		it('an owner changes a role: 200 Member; 404 for anyone not in their workspace, changing nothing', async () => {
			const owner = await client.signup();
			const person = await client.join(owner.token, 'mo');
			const changed = await setRole(owner.token, person.userId, 'viewer');
			expect(changed.status).toBe(200);
			expect(memberSchema.parse(changed.body)).toEqual({
				userId: person.userId,
				name: 'mo',
				role: 'viewer',
				removedAt: null
			});

			const stranger = await client.signup();
			for (const userId of [stranger.userId, 'no-such-user', crypto.randomUUID()]) {
				const patched = await setRole(owner.token, userId, 'viewer');
				expect(patched.status).toBe(404);
				expect(patched.body).toMatchObject({ error: 'not_found' });
				expect((await remove(owner.token, userId)).status).toBe(404);
			}
			// The other workspace's owner is untouched.
			expect((await members(stranger.token)).members[0]).toMatchObject({
				role: 'owner',
				removedAt: null
			});
		});

		it('a bad role is 400', async () => {
			const owner = await client.signup();
			const person = await client.join(owner.token, 'mo');
			for (const json of [{ role: 'boss' }, {}, { role: 'viewer', name: 'x' }]) {
				const response = await client.request('PATCH', `/api/workspace/members/${person.userId}`, {
					token: owner.token,
					json
				});
				expect(response.status).toBe(400);
			}
		});

		it('the last owner can be neither demoted nor removed: 409 last_owner', async () => {
			const owner = await client.signup();
			for (const role of ['member', 'viewer']) {
				const response = await setRole(owner.token, owner.userId, role);
				expect(response.status).toBe(409);
				expect(response.body).toMatchObject({ error: 'last_owner' });
			}
			const removed = await remove(owner.token, owner.userId);
			expect(removed.status).toBe(409);
			expect(removed.body).toMatchObject({ error: 'last_owner' });
			expect((await setRole(owner.token, owner.userId, 'owner')).status).toBe(200);

			// With a second owner, either may step down; then the other is the last.
			const second = await client.join(owner.token, 'sam', 'owner');
			expect((await setRole(owner.token, owner.userId, 'member')).status).toBe(200);
			expect((await remove(second.token, second.userId)).status).toBe(409);
			// A removed owner does not count as an owner.
			const third = await client.join(second.token, 'tia', 'owner');
			expect((await remove(second.token, third.userId)).status).toBe(200);
			expect((await setRole(second.token, second.userId, 'viewer')).status).toBe(409);
		});

		it('two owners demoting (or removing) each other at once leave one owner, every time', async () => {
			for (let round = 0; round < 8; round++) {
				const a = await client.signup();
				const b = await client.join(a.token, 'bo', 'owner');
				const [first, second] = await Promise.all(
					round % 2 === 0
						? [setRole(a.token, b.userId, 'member'), setRole(b.token, a.userId, 'member')]
						: [remove(a.token, b.userId), remove(b.token, a.userId)]
				);
				const statuses = [first.status, second.status].sort();
				// One wins; the other is no owner any more (403) or would leave none (409), or, when
				// removed, no longer signed in (401).
				expect(statuses[0]).toBe(200);
				expect([401, 403, 409]).toContain(statuses[1]);
				const winner = first.status === 200 ? a : b;
				const owners = (await members(winner.token)).members.filter(
					(m) => m.role === 'owner' && m.removedAt === null
				);
				expect(owners).toHaveLength(1);
			}
		});
	});

	describe('removal', () => {
		it('removes a person: 200 with removedAt, their token is 401 removed, their events stay, named', async () => {
			const workspace = `ws-${crypto.randomUUID()}`;
			const owner = await client.signup(workspace);
			const leaver = await client.join(owner.token, 'lee');
			const pushed = await client.push(leaver.token, [counterEvent('lee-stream', 1)]);
			expect(pushed.status).toBe(200);

			const removed = await remove(owner.token, leaver.userId);
			expect(removed.status).toBe(200);
			expect(memberSchema.parse(removed.body)).toMatchObject({
				userId: leaver.userId,
				name: 'lee',
				role: 'member'
			});
			expect(removed.body.removedAt).not.toBeNull();

			const after = await client.pull(leaver.token);
			expect(after.status).toBe(401);
			expect(after.body).toMatchObject({ error: 'unauthorized', reason: 'removed' });
			const login = await client.login(workspace, 'lee');
			expect(login.status).toBe(401);
			expect(login.body.reason).toBe('removed');
			// Without the password, a removed person is like anyone unknown.
			const guess = await client.login(workspace, 'lee', 'a wrong password');
			expect(guess.body).toEqual({
				error: 'unauthorized',
				message: 'The workspace, name or password is wrong.'
			});

			const events = await client.pullAll(owner.token);
			expect(events.map((e) => e.recordedBy)).toEqual([leaver.userId]);
			const listed = await members(owner.token);
			expect(listed.members.find((m) => m.userId === leaver.userId)).toEqual(removed.body);

			// Twice is harmless: the same answer, the same time.
			const again = await remove(owner.token, leaver.userId);
			expect(again.status).toBe(200);
			expect(again.body).toEqual(removed.body);
		});

		it('a removed person cannot rejoin under the same name by invite; an owner can give them a role again', async () => {
			const workspace = `ws-${crypto.randomUUID()}`;
			const owner = await client.signup(workspace);
			const leaver = await client.join(owner.token, 'lee');
			await remove(owner.token, leaver.userId);

			const rejoin = await client.request('POST', '/api/auth/signup', {
				json: { name: 'LEE', password: TEST_PASSWORD, invite: await client.invite(owner.token) }
			});
			expect(rejoin.status).toBe(409);
			expect(rejoin.body.error).toBe('already_exists');

			const restored = await setRole(owner.token, leaver.userId, 'viewer');
			expect(restored.status).toBe(200);
			expect(restored.body).toMatchObject({ role: 'viewer', removedAt: null });
			// Their old tokens stay dead; their password works again.
			expect((await client.pull(leaver.token)).status).toBe(401);
			const login = await client.login(workspace, 'lee');
			expect(login.status).toBe(200);
			expect(login.body.role).toBe('viewer');
		});

		it('the unused invites of an owner who is removed or demoted are void: 403', async () => {
			const owner = await client.signup();
			const removedOwner = await client.join(owner.token, 'rowan', 'owner');
			const demotedOwner = await client.join(owner.token, 'dana', 'owner');
			const kept = await client.invite(removedOwner.token, 'owner');
			const stale = await client.invite(demotedOwner.token, 'member');
			const fine = await client.invite(owner.token, 'member');
			expect((await remove(owner.token, removedOwner.userId)).status).toBe(200);
			expect((await setRole(owner.token, demotedOwner.userId, 'member')).status).toBe(200);
			const join = (invite: string, name: string) =>
				client.request('POST', '/api/auth/signup', {
					json: { name, password: TEST_PASSWORD, invite }
				});
			expect((await join(kept, 'rowan-again')).status).toBe(403);
			expect((await join(stale, 'someone')).status).toBe(403);
			expect((await join(fine, 'someone')).status).toBe(201);

			// Made owners again, their old codes stay void: only new ones work.
			expect((await setRole(owner.token, removedOwner.userId, 'owner')).status).toBe(200);
			expect((await setRole(owner.token, demotedOwner.userId, 'owner')).status).toBe(200);
			expect((await join(kept, 'rowan-again')).status).toBe(403);
			expect((await join(stale, 'someone-else')).status).toBe(403);
			const renewed = await client.invite(demotedOwner.token, 'member');
			expect((await join(renewed, 'newcomer')).status).toBe(201);
		});

		it('an owner may remove another owner, and then that owner can manage nothing', async () => {
			const owner = await client.signup();
			const other = await client.join(owner.token, 'oz', 'owner');
			expect((await remove(owner.token, other.userId)).status).toBe(200);
			const tried = await client.request('POST', '/api/workspace/invites', { token: other.token });
			expect(tried.status).toBe(401);
			expect(tried.body.reason).toBe('removed');
		});
	});
});
