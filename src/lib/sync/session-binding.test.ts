import { afterEach, describe, expect, it } from 'vitest';
import { StoreTracker } from '../eventstore/testing';
import { SessionBinding } from './session-binding';
import { loadSession, saveSession, type SyncSession } from './session';
import { SyncApi } from './sync-api';
import { SyncHttpError, SyncNetworkError } from './sync-errors';

// What a refused round does to the session, on a device alone: no server is asked.

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

const SESSION: SyncSession = {
	token: 'token-1',
	userId: 'user-1',
	workspaceId: 'workspace-1',
	workspace: 'Market',
	name: 'Grace',
	role: 'member'
};

async function bound(session: SyncSession = SESSION) {
	const store = stores.open();
	await saveSession(store, session);
	const heard = { announced: 0, refreshed: 0 };
	const binding = new SessionBinding({
		store,
		api: new SyncApi(() => Promise.reject(new Error('No request is made here.')), 'http://test'),
		anonymousUserId: undefined,
		device: undefined,
		announce: () => void heard.announced++,
		refresh: () => Promise.resolve(void heard.refreshed++),
		signedIn: () => undefined
	});
	await binding.load();
	return { store, binding, heard };
}

function refusal(status: number, body?: unknown): SyncHttpError {
	return new SyncHttpError(status, 'refused', `Refused with ${status}.`, body);
}

describe('SessionBinding.refusedRound', () => {
	it('signs the device out on a 401, keeping the reason the server gave', async () => {
		const { store, binding, heard } = await bound();
		const outcome = await binding.refusedRound(SESSION, refusal(401, { reason: 'removed' }));
		expect(outcome).toBe('signed-out');
		const expected = { ...SESSION, expired: true, signedOutBecause: 'removed' };
		expect(binding.current).toEqual(expected);
		expect(await loadSession(store)).toEqual(expected);
		expect(heard).toEqual({ announced: 1, refreshed: 1 });
	});

	it('names no reason on a 401 whose reason the contract does not know', async () => {
		const { binding } = await bound();
		await binding.refusedRound(SESSION, refusal(401, { reason: 'moon-phase' }));
		expect(binding.current).toEqual({ ...SESSION, expired: true });
	});

	it('makes the person a viewer on a 403, still signed in', async () => {
		const { store, binding, heard } = await bound();
		expect(await binding.refusedRound(SESSION, refusal(403))).toBe('viewer');
		expect(binding.current).toEqual({ ...SESSION, role: 'viewer' });
		expect(await loadSession(store)).toEqual({ ...SESSION, role: 'viewer' });
		expect(heard).toEqual({ announced: 1, refreshed: 1 });
	});

	it('leaves a newer sign-in alone on a 403 answered to an older one', async () => {
		const newer = { ...SESSION, token: 'token-2' };
		const { binding } = await bound(newer);
		expect(await binding.refusedRound(SESSION, refusal(403))).toBe('viewer');
		expect(binding.current).toEqual(newer);
	});

	it('leaves a newer sign-in, or a sign-out, alone on a 401 answered to an older session', async () => {
		const newer = { ...SESSION, token: 'token-2' };
		const { binding } = await bound(newer);
		expect(await binding.refusedRound(SESSION, refusal(401, { reason: 'revoked' }))).toBe(
			'signed-out'
		);
		expect(binding.current).toEqual(newer);

		// Signed out on purpose while a round was on the wire: its 401 is the logout's own doing.
		const { store, binding: alone, heard } = await bound();
		await saveSession(store, undefined);
		await alone.load();
		await alone.refusedRound(SESSION, refusal(401, { reason: 'revoked' }));
		expect(alone.current).toBeUndefined();
		expect(await loadSession(store)).toBeUndefined();
		expect(heard).toEqual({ announced: 0, refreshed: 0 });
	});

	it('changes nothing for any other failure', async () => {
		const { store, binding, heard } = await bound();
		for (const error of [refusal(500), refusal(409), new SyncNetworkError('offline')]) {
			expect(await binding.refusedRound(SESSION, error)).toBeUndefined();
		}
		expect(binding.current).toEqual(SESSION);
		expect(await loadSession(store)).toEqual(SESSION);
		expect(heard).toEqual({ announced: 0, refreshed: 0 });
	});
});
