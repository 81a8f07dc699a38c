import { afterEach, describe, expect, it } from 'vitest';
import { increment, metadata, StoreTracker } from '../eventstore/testing';
import type { CommandRebaser } from './command-rebaser';
import { ConflictInbox } from './conflict-inbox';

// The inbox as the client offers it, on a device alone: a retry that fits plans a push.

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

const refuseAll: CommandRebaser = {
	redecide: () => {
		throw new Error('It still does not fit.');
	}
};
const keepAsIs: CommandRebaser = {
	redecide: (command) => [
		{
			type: 'Incremented',
			data: { by: 1 },
			metadata: metadata({ commandId: command.commandId })
		}
	]
};

/** A store whose inbox holds command `c-1` of `counter-1`, refused by the server. */
async function withEntry() {
	const store = stores.open();
	const own = increment(1, { metadata: metadata({ commandId: 'c-1' }) });
	// Appended without a stored command: the inbox keeps its events as the command.
	const { events } = await store.append('counter-1', [own], { expectedVersion: 0 });
	await store.sync.quarantine(events[0]!.eventId, 'too odd', () => []);
	return store;
}

function inboxOf(store: Awaited<ReturnType<typeof withEntry>>, rebaser: CommandRebaser) {
	const retried: string[] = [];
	const inbox = new ConflictInbox(store, rebaser, () => retried.push('push planned'));
	return { inbox, retried };
}

describe('ConflictInbox', () => {
	it('plans a push when a retried command fits, and the entry leaves the inbox', async () => {
		const store = await withEntry();
		const { inbox, retried } = inboxOf(store, keepAsIs);
		expect((await inbox.list()).map((entry) => entry.commandId)).toEqual(['c-1']);

		expect(await inbox.retry('c-1')).toEqual({ applied: true });
		expect(retried).toEqual(['push planned']);
		expect(await inbox.list()).toEqual([]);
		expect(await store.pendingCount()).toBe(1);
	});

	it('plans nothing when the command still does not fit, and keeps the entry with the new reason', async () => {
		const store = await withEntry();
		const { inbox, retried } = inboxOf(store, refuseAll);

		expect(await inbox.retry('c-1')).toEqual({ applied: false, reason: 'It still does not fit.' });
		expect(retried).toEqual([]);
		expect(await inbox.list()).toMatchObject([
			{ commandId: 'c-1', reason: 'It still does not fit.' }
		]);
	});

	it('plans nothing for an entry no longer there, nor on a device that may not write', async () => {
		const store = await withEntry();
		const { inbox, retried } = inboxOf(store, keepAsIs);
		expect(await inbox.retry('c-2')).toEqual({
			applied: false,
			reason: 'This change is no longer in the inbox.'
		});

		store.refuseWrites('A viewer.');
		expect(await inbox.retry('c-1')).toEqual({
			applied: false,
			reason: 'You can view this workspace but not change it.'
		});
		expect(retried).toEqual([]);
		expect(await inbox.list()).toHaveLength(1);
	});

	it('discards an entry when the user lets the change go', async () => {
		const store = await withEntry();
		const { inbox, retried } = inboxOf(store, keepAsIs);
		await inbox.discard('c-1');
		expect(await inbox.list()).toEqual([]);
		expect(await store.pendingCount()).toBe(0);
		expect(retried).toEqual([]);
	});
});
