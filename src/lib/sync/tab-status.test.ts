import { get } from 'svelte/store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TabStatus } from './tab-status';

let log = 0;
const open: TabStatus[] = [];

/** Two tabs of one log; only the first leads. */
function twoTabs() {
	const name = `tab-status-test-${++log}`;
	const sessionChanged = vi.fn();
	const leader = new TabStatus({ log: name, leading: () => true, sessionChanged: () => {} });
	const other = new TabStatus({ log: name, leading: () => false, sessionChanged });
	open.push(leader, other);
	return { leader, other, sessionChanged };
}

afterEach(() => {
	for (const tab of open.splice(0)) tab.close();
});

describe('TabStatus', () => {
	it("shows the leader's rounds in every tab, and what a tab read for itself only there", async () => {
		const { leader, other } = twoTabs();
		leader.set({ syncing: true, lastError: 'offline' });
		leader.merge({ pending: 3 });
		await vi.waitFor(() => expect(get(other.status)).toMatchObject({ syncing: true }));
		expect(get(other.status)).toMatchObject({ lastError: 'offline', pending: 0 });
		expect(get(leader.status)).toMatchObject({ syncing: true, pending: 3 });
	});

	it("answers a new tab's hello with the leader's view of the network, not its counts", async () => {
		const { leader, other } = twoTabs();
		leader.merge({ syncing: true, online: false, lastError: 'offline', pending: 5 });
		other.hello();
		await vi.waitFor(() => expect(get(other.status)).toMatchObject({ online: false }));
		expect(get(other.status)).toMatchObject({ syncing: true, lastError: 'offline', pending: 0 });
	});

	it('a tab that does not lead keeps quiet when hello comes', async () => {
		const { leader, other } = twoTabs();
		other.merge({ online: false });
		leader.hello();
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(get(leader.status).online).toBe(true);
	});

	it('tells the other tabs to read the session again', async () => {
		const { leader, sessionChanged } = twoTabs();
		leader.announceSession();
		await vi.waitFor(() => expect(sessionChanged).toHaveBeenCalledTimes(1));
	});

	it('says nothing more once closed', async () => {
		const { leader, other } = twoTabs();
		leader.close();
		leader.set({ syncing: true });
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(get(other.status).syncing).toBe(false);
		expect(get(leader.status).syncing).toBe(true);
	});
});
