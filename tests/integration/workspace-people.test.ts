import { afterEach, describe, expect, it } from 'vitest';
import { ReadOnlyError } from '../../src/lib/errors';
import { testBackends } from '../../src/lib/server/testing';
import type { SyncServer } from '../../src/lib/server/sync-server';
import { SyncHttpError } from '../../src/lib/sync/sync-errors';
import { device, startTestServer, type Device } from './sync-harness';

const CREATE = { type: 'CreateOrder', customerName: 'Kim', currency: 'EUR' } as const;

describe.each(testBackends())('people of a workspace on $kind', { timeout: 30_000 }, (backend) => {
	let server: SyncServer;
	const stores: { close(): void }[] = [];
	/** Every push any device sent, by device name. */
	let pushes: string[] = [];

	afterEach(async () => {
		for (const store of stores.splice(0)) store.close();
		await server.close();
		pushes = [];
	});

	async function start() {
		server = await startTestServer({ database: await backend.open() });
	}

	function open(name: string, label = `Chrome on ${name}`): Device {
		const d = device(
			name,
			(request) => {
				if (new URL(request.url).pathname === '/api/sync/push') pushes.push(name);
				return server.handle(request);
			},
			{ label }
		);
		stores.push(d.store);
		return d;
	}

	/** Ada owns "Market"; Grace joined with an invite for `role`. */
	async function workspace(role: 'member' | 'viewer' = 'member') {
		await start();
		const ada = open('ada');
		await ada.sync.signup({ workspace: 'Market', name: 'Ada', password: 'correct horse' });
		const invite = await ada.sync.people.invite(role);
		const grace = open('grace');
		await grace.sync.signup({ name: 'Grace', password: 'battery staple', invite });
		return { ada, grace };
	}

	it('lists everyone with their role; the creator owns the workspace, an invite gives its role', async () => {
		const { ada, grace } = await workspace('viewer');
		expect(ada.sync.session?.role).toBe('owner');
		expect(grace.sync.session?.role).toBe('viewer');

		const list = await grace.sync.people.list();
		expect(list.you).toEqual({ userId: grace.sync.session?.userId, role: 'viewer' });
		expect(list.members.map(({ name, role, removedAt }) => ({ name, role, removedAt }))).toEqual([
			{ name: 'Ada', role: 'owner', removedAt: null },
			{ name: 'Grace', role: 'viewer', removedAt: null }
		]);
		// Joining with an invite does not say the workspace's name; the list does.
		expect(grace.sync.session?.workspace).toBe('Market');
	});

	it('lets an owner change a role, and refuses to demote the last owner with the server’s words', async () => {
		const { ada, grace } = await workspace();
		const graceId = grace.sync.session!.userId;
		const changed = await ada.sync.people.changeRole(graceId, 'viewer');
		expect(changed).toMatchObject({ userId: graceId, name: 'Grace', role: 'viewer' });

		const refused = await ada.sync.people
			.changeRole(ada.sync.session!.userId, 'member')
			.catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(SyncHttpError);
		expect(refused).toMatchObject({ status: 409, error: 'last_owner' });
		expect((refused as Error).message).not.toBe('');
		// Refused, not signed out.
		expect(ada.sync.session?.expired).toBeUndefined();

		// A member may not manage: the server's 403, and the device stays signed in.
		const notOwner = await grace.sync.people
			.remove(ada.sync.session!.userId)
			.catch((error: unknown) => error);
		expect(notOwner).toMatchObject({ status: 403, error: 'forbidden' });
		expect(grace.sync.session?.expired).toBeUndefined();
	});

	it('signs a removed person out with the reason, keeps their pending work and refuses new work', async () => {
		const { ada, grace } = await workspace();
		await grace.orders.execute('order-1', CREATE, grace.as());
		const graceId = grace.sync.session!.userId;

		const removed = await ada.sync.people.remove(graceId);
		expect(removed.removedAt).not.toBeNull();
		const refusedLastOwner = await ada.sync.people
			.remove(ada.sync.session!.userId)
			.catch((error: unknown) => error);
		expect(refusedLastOwner).toMatchObject({ status: 409, error: 'last_owner' });

		expect(await grace.sync.syncNow()).toBe('signed-out');
		expect(grace.sync.session).toMatchObject({ expired: true, signedOutBecause: 'removed' });
		let status = undefined as unknown as { needsLogin: boolean; signedOutBecause?: string };
		grace.sync.status.subscribe((value) => (status = value))();
		expect(status).toMatchObject({
			needsLogin: true,
			signedOutBecause: 'removed',
			canWrite: false
		});
		expect(await grace.store.pendingCount()).toBe(1);
		await expect(grace.orders.execute('order-2', CREATE, grace.as())).rejects.toBeInstanceOf(
			ReadOnlyError
		);
		expect(await grace.store.pendingCount()).toBe(1);
		// Their events stay on the server, named in the list.
		const list = await ada.sync.people.list();
		expect(list.members.find((member) => member.userId === graceId)?.name).toBe('Grace');
	});

	it('changes a password: other sessions end with the reason, this one stays; a wrong password signs nobody out', async () => {
		await start();
		const phone = open('phone', 'Chrome on Android');
		await phone.sync.signup({ workspace: 'Market', name: 'Ada', password: 'correct horse' });
		const laptop = open('laptop', 'Firefox on Mac');
		await laptop.sync.login({ workspace: 'Market', name: 'Ada', password: 'correct horse' });

		const sessions = await laptop.sync.people.sessions();
		expect(sessions.map(({ device, current }) => ({ device, current })).toSorted()).toEqual(
			expect.arrayContaining([
				{ device: 'Firefox on Mac', current: true },
				{ device: 'Chrome on Android', current: false }
			])
		);
		expect(sessions).toHaveLength(2);

		const wrong = await laptop.sync.people
			.changePassword({ currentPassword: 'not it at all', newPassword: 'staple battery' })
			.catch((error: unknown) => error);
		expect(wrong).toMatchObject({ status: 401 });
		expect(laptop.sync.session?.expired).toBeUndefined();

		const revoked = await laptop.sync.people.changePassword({
			currentPassword: 'correct horse',
			newPassword: 'staple battery'
		});
		expect(revoked).toBe(1);
		expect(await laptop.sync.syncNow()).toBe('synced');
		expect(await phone.sync.syncNow()).toBe('signed-out');
		expect(phone.sync.session?.signedOutBecause).toBe('password_changed');
	});

	it('signs out another session of one’s own, which then says it was revoked', async () => {
		await start();
		const phone = open('phone', 'Chrome on Android');
		await phone.sync.signup({ workspace: 'Market', name: 'Ada', password: 'correct horse' });
		const laptop = open('laptop', 'Firefox on Mac');
		await laptop.sync.login({ workspace: 'Market', name: 'Ada', password: 'correct horse' });

		const other = (await laptop.sync.people.sessions()).find((session) => !session.current)!;
		await laptop.sync.people.revokeSession(other.sessionId);
		expect((await laptop.sync.people.sessions()).map((session) => session.current)).toEqual([true]);
		expect(await phone.sync.syncNow()).toBe('signed-out');
		expect(phone.sync.session?.signedOutBecause).toBe('revoked');
	});

	it('keeps a viewer from making work it could never push, and never pushes for it', async () => {
		const { grace } = await workspace('viewer');
		await expect(grace.orders.execute('order-1', CREATE, grace.as())).rejects.toBeInstanceOf(
			ReadOnlyError
		);
		expect(await grace.sync.syncNow()).toBe('synced');
		expect(await grace.store.pendingCount()).toBe(0);
		expect(pushes.filter((name) => name === 'grace')).toEqual([]);
	});

	it('stops pushing without a retry loop when made a viewer while offline, keeps the work, and resumes when made a member again', async () => {
		const { ada, grace } = await workspace();
		const graceId = grace.sync.session!.userId;
		await grace.orders.execute('order-1', CREATE, grace.as());
		await ada.sync.people.changeRole(graceId, 'viewer');

		expect(await grace.sync.syncNow()).toBe('synced');
		expect(pushes.filter((name) => name === 'grace')).toHaveLength(1);
		expect(grace.sync.session?.role).toBe('viewer');
		expect(await grace.store.pendingCount()).toBe(1);
		let status = undefined as unknown as { canWrite: boolean; lastError?: string };
		grace.sync.status.subscribe((value) => (status = value))();
		expect(status).toMatchObject({ canWrite: false, lastError: undefined });

		// Rounds go on pulling, without pushing what the server would refuse.
		await grace.sync.syncNow();
		await grace.sync.syncNow();
		expect(pushes.filter((name) => name === 'grace')).toHaveLength(1);

		await ada.sync.people.changeRole(graceId, 'member');
		expect(await grace.sync.syncNow()).toBe('synced');
		expect(grace.sync.session?.role).toBe('member');
		// The round that learned the new role pushes in the next one.
		await grace.sync.syncNow();
		expect(await grace.store.pendingCount()).toBe(0);
		expect(await ada.sync.syncNow()).toBe('synced');
		expect((await ada.orders.load('order-1')).state).toMatchObject({ customerName: 'Kim' });
	});
});
