import { afterEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../events';
import type { EventStore } from '../event-store';
import { FixtureServer, increment } from '../backup/backup-fixture';
import { databaseOf, metadata, OCCURRED_AT, StoreTracker } from '../testing';
import type { OutboxEntry } from './outbox';
import { readWholeLog } from './read-whole-log';

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

/** One pending command of `count` events: an outbox entry that can straddle pages. */
async function incrementMany(store: EventStore, streamId: string, count: number): Promise<void> {
	const commandId = crypto.randomUUID();
	const head = await store.streamVersion(streamId);
	const events = Array.from({ length: count }, (_, i) => ({
		type: 'Incremented',
		data: { by: i + 1 },
		metadata: metadata({ commandId, correlationId: commandId })
	}));
	await store.append(streamId, events, {
		expectedVersion: head,
		command: {
			commandId,
			command: { type: 'IncrementMany', count },
			correlationId: commandId,
			userId: 'user-1',
			deviceId: 'device-1',
			issuedAt: OCCURRED_AT,
			decidedAtVersion: head
		}
	});
}

/** Synced events, others' pulled ones, and pending commands of one and of several events. */
async function mixedLog(): Promise<EventStore> {
	const store = stores.open();
	const server = new FixtureServer();
	await incrementMany(store, 'counter-1', 3);
	await increment(store, 'counter-2', 1);
	await server.accept(store, 2);
	await server.pullOthers(store, 'counter-3', 10);
	await incrementMany(store, 'counter-2', 4);
	await increment(store, 'counter-1', 5);
	await server.pullOthers(store, 'counter-3', 20);
	await incrementMany(store, 'counter-3', 2);
	return store;
}

interface Page {
	events: StoredEvent[];
	entries: readonly OutboxEntry[];
}

async function pagesOf(store: EventStore, pageSize: number): Promise<Page[]> {
	const db = databaseOf(store);
	await db.open();
	const pages: Page[] = [];
	const connection = { db: db.backendDB(), durability: 'default', keyRange: IDBKeyRange } as const;
	await readWholeLog(connection, pageSize, (events, entries) => pages.push({ events, entries }));
	return pages;
}

describe('readWholeLog', () => {
	it('hands over every event once, in order, with its sync state, at any page size', async () => {
		const store = await mixedLog();
		const log = (await store.readAll()).sort((a, b) => a.seq - b.seq);
		expect(log.map((event) => event.sync).join(' ')).toBe(
			'synced synced pending pending synced pending pending pending pending pending synced pending pending'
		);
		for (const pageSize of [1, 2, 3, 5, 12, 13, 14, 100]) {
			const pages = await pagesOf(store, pageSize);
			expect(pages.flatMap((page) => page.events)).toEqual(log);
			expect(pages).toHaveLength(Math.ceil(log.length / pageSize));
		}
	});

	it('gives each page the outbox entries over it, the one reaching in from before included', async () => {
		const store = await mixedLog();
		for (const pageSize of [1, 2, 3, 4, 7]) {
			for (const { events, entries } of await pagesOf(store, pageSize)) {
				const first = events[0]!.seq;
				const last = events.at(-1)!.seq;
				for (const entry of entries) {
					expect(entry.last >= first && entry.seq <= last).toBe(true);
				}
				for (const event of events) {
					const covered = entries.some(
						(entry) => entry.seq <= event.seq && event.seq <= entry.last
					);
					expect(covered).toBe(event.sync === 'pending');
				}
			}
		}
	});

	it('reads an empty log without a page', async () => {
		const store = stores.open();
		expect(await pagesOf(store, 10)).toEqual([]);
	});
});
