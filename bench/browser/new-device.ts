import { accountList, domainAggregates, orderList } from '../../src/lib/domain';
import { EventStore } from '../../src/lib/eventstore';
import { readModelStore } from '../../src/lib/projections';
import { MAX_PULL_LIMIT, type PullResponse } from '../../src/lib/protocol';
import { SyncClient } from '../../src/lib/sync';
import { createCommandRebaser } from '../../src/lib/undo';
import type { Credentials, Durability } from './api';
import { committed, deleteDatabase, openRawEvents, readwrite } from './raw-idb';
import { registry } from './registry';

let runs = 0;

/**
 * Case 11, Rewind: a fresh device signs in to a workspace the server already holds, with the
 * order and account lists open as the app has them; the time from sign-in until the order
 * list has `orders` rows. Returns it, and how many events the device then holds.
 */
export async function newDeviceCatchUp(
	credentials: Credentials,
	orders: number,
	durability: Durability
): Promise<{ ms: number; events: number }> {
	const name = `bench-new-device-${++runs}-${Date.now()}`;
	const store = new EventStore({
		name,
		registry,
		dexie: { chromeTransactionDurability: durability }
	});
	const sync = new SyncClient({
		store,
		rebaser: createCommandRebaser(domainAggregates),
		deviceId: `device-${crypto.randomUUID()}`,
		baseUrl: location.origin
	});
	let listed!: () => void;
	const allListed = new Promise<void>((resolve) => (listed = resolve));
	// As the order list shows them: its count of listed orders.
	const stopOrders = readModelStore(store, orderList).subscribe(({ tallies }) => {
		if (tallies.count === orders) listed();
	});
	const stopAccounts = readModelStore(store, accountList).subscribe(() => undefined);
	try {
		const start = performance.now();
		await sync.login(credentials);
		await sync.syncNow();
		await allListed;
		const ms = performance.now() - start;
		return { ms, events: (await store.readLocal({ afterSeq: 0, limit: 1e9 })).length };
	} finally {
		stopOrders();
		stopAccounts();
		sync.stop();
		await new Promise((resolve) => setTimeout(resolve, 50));
		store.close();
		await deleteDatabase(name);
	}
}

/**
 * Case 11, baseline: the same sign-in and the same pull pages with bare `fetch`, each page
 * put into a bare IndexedDB store with the indexes of Rewind's events table, one transaction
 * per page. No validation, no projection: the floor for moving these bytes into this browser.
 */
export async function rawCatchUp(
	credentials: Credentials,
	durability: Durability
): Promise<{ ms: number; events: number }> {
	const name = `bench-raw-device-${++runs}-${Date.now()}`;
	const db = await openRawEvents(name);
	try {
		const start = performance.now();
		const login = await fetch('/api/auth/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(credentials)
		});
		const { token } = (await login.json()) as { token: string };
		let after = 0;
		let events = 0;
		for (;;) {
			const response = await fetch(`/api/sync/pull?after=${after}&limit=${MAX_PULL_LIMIT}`, {
				headers: { authorization: `Bearer ${token}` }
			});
			const page = (await response.json()) as PullResponse;
			const tx = readwrite(db, 'events', durability);
			const table = tx.objectStore('events');
			for (const event of page.events) table.put(event);
			await committed(tx);
			events += page.events.length;
			after = page.events.at(-1)?.position ?? after;
			if (!page.hasMore) break;
		}
		return { ms: performance.now() - start, events };
	} finally {
		db.close();
		await deleteDatabase(name);
	}
}
