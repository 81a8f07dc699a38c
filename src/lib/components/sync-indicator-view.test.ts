import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '$lib/sync';
import { signedInSyncView } from './signed-in-sync-view';
import { syncIndicatorView, type SyncIndicatorInput } from './sync-indicator-view';

const NOW = Date.parse('2026-12-05T12:00:00Z');
const SIGNED_IN: SyncStatus = {
	ready: true,
	online: true,
	signedIn: true,
	needsLogin: false,
	canWrite: true,
	pending: 0,
	conflicts: 0,
	syncing: false,
	caughtUp: true,
	lastSyncedAt: '2026-12-05T11:58:00Z'
};

function view(status: Partial<SyncStatus>, input: Partial<SyncIndicatorInput> = {}) {
	return syncIndicatorView(
		{
			status: { ...SIGNED_IN, ...status },
			online: true,
			slowSync: false,
			now: NOW,
			locale: 'en-US',
			...input
		},
		signedInSyncView
	);
}

describe('the header through the life of a sync', () => {
	it('claims nothing before the session is read', () => {
		expect(view({ ready: false, signedIn: false })).toMatchObject({ label: 'Sync', tone: 'grey' });
	});

	it('claims nothing signed in until the signed-in words have loaded', () => {
		const status = { ...SIGNED_IN, pending: 3 };
		const input = { status, online: true, slowSync: false, now: NOW, locale: 'en-US' };
		expect(syncIndicatorView(input)).toMatchObject({ label: 'Sync', tone: 'grey' });
		expect(syncIndicatorView(input, signedInSyncView).label).toBe('3 changes to sync');
	});

	it('says the work stays on this device while signed out', () => {
		expect(view({ signedIn: false, caughtUp: false }).label).toBe('On this device only');
		expect(view({ signedIn: false }, { online: false }).label).toBe('Offline — still saving');
		expect(view({ signedIn: false, needsLogin: true, pending: 2 })).toMatchObject({
			label: 'Sign in again to sync',
			detail: 'The server asks you to sign in again. 2 changes wait safely on this device.'
		});
		// Made a viewer with work not pushed: it waits, and the header says why.
		expect(view({ canWrite: false, role: 'viewer', pending: 1 })).toMatchObject({
			label: "1 change can't sync",
			tone: 'amber'
		});
		// Removed: signing in again would not help, so it does not ask for it.
		expect(
			view({ signedIn: false, needsLogin: true, signedOutBecause: 'removed', pending: 2 })
		).toMatchObject({
			label: 'Removed from the workspace',
			detail: 'An owner removed you, so this device no longer syncs. 2 changes stay on this device.'
		});
	});

	it('says Syncing at once after signing in, then how far, never Synced until caught up', () => {
		const fresh = { caughtUp: false, lastSyncedAt: undefined };
		expect(view(fresh)).toMatchObject({ label: 'Syncing…', spin: true });
		expect(view({ ...fresh, syncing: true })).toMatchObject({ label: 'Syncing…', spin: true });
		expect(
			view({ ...fresh, syncing: true, catchUp: { done: 12_000, total: 100_000 } })
		).toMatchObject({ label: 'Downloading 12,000 of 100,000 changes', short: '12%', progress: 12 });
		expect(
			view(
				{ ...fresh, syncing: true, catchUp: { done: 12_000, total: 100_000 } },
				{ locale: 'de-DE' }
			).label
		).toBe('Downloading 12.000 of 100.000 changes');
		expect(view({ ...fresh, syncing: false }).label).not.toBe('Synced');
	});

	it('does not flash Syncing on every quick round once caught up', () => {
		expect(view({ syncing: true }).label).toBe('Synced');
		expect(view({ syncing: true }, { slowSync: true }).label).toBe('Syncing…');
	});

	it('says Synced with the time it happened', () => {
		expect(view({})).toMatchObject({
			label: 'Synced',
			tone: 'green',
			detail: 'Last synced 2 minutes ago.'
		});
	});

	it('counts what waits', () => {
		expect(view({ pending: 1 }).label).toBe('1 change to sync');
		expect(view({ pending: 3 }).label).toBe('3 changes to sync');
	});

	it('tells the browser being offline from the server not answering', () => {
		expect(view({ pending: 2 }, { online: false }).label).toBe('Offline — 2 changes waiting');
		expect(view({ online: false, pending: 2 }).label).toBe(
			"Can't reach the server — 2 changes waiting"
		);
		expect(view({ online: false }).label).toBe("Can't reach the server");
		expect(view({ lastError: 'The server answered 500.' })).toMatchObject({
			label: 'Sync paused',
			tone: 'amber'
		});
	});

	it('says when only part of the workspace is here while it cannot sync', () => {
		const partial = { caughtUp: false, lastSyncedAt: undefined };
		const unreachable = view({ ...partial, online: false });
		expect(unreachable.label).toBe("Can't reach the server");
		expect(unreachable.detail).toMatch(/^Part of the workspace is not on this device yet\./);
		expect(view(partial, { online: false }).detail).toMatch(/^Part of the workspace/);
	});

	it('shows a round under way rather than the failure before it', () => {
		expect(view({ online: false, syncing: true }, { slowSync: true }).label).toBe('Syncing…');
	});

	it('says when changes have existed only here for over a day, and why', () => {
		const day = 24 * 3600 * 1000;
		expect(view({ signedIn: false, pending: 3 }, { onlyHereFor: 2.5 * day })).toMatchObject({
			tone: 'amber',
			label: 'Only on this device for 2 days',
			short: '2 days',
			detail:
				'3 changes exist only in this browser, the oldest for 2 days; if the browser clears its data, they are gone. Sign in to sync them, or back them up, on the Sync page.'
		});
		const offline = view({ pending: 1, online: false }, { onlyHereFor: day, online: false });
		expect(offline).toMatchObject({ tone: 'amber', label: 'Not synced for 1 day' });
		expect(offline.detail).toContain('This device is offline.');
		// Nothing waiting, nothing to warn about; a round under way still shows its spinner.
		expect(view({ signedIn: false, pending: 0 }, { onlyHereFor: day }).label).toBe(
			'On this device only'
		);
		expect(view({ pending: 2, syncing: true }, { onlyHereFor: day, slowSync: true }).label).toBe(
			'Syncing…'
		);
	});
});
