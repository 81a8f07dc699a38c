import { AggregateRepository } from '../../src/lib/aggregates';
import {
	domainAggregates,
	orderAggregate,
	orderList,
	type OrderListRow
} from '../../src/lib/domain';
import { EventStore } from '../../src/lib/eventstore';
import { readModelStore, type ListView } from '../../src/lib/projections';
import { readable } from 'svelte/store';
import { SyncClient } from '../../src/lib/sync';
import { createCommandRebaser } from '../../src/lib/undo';
import type { Durability } from './api';
import { deleteDatabase } from './raw-idb';
import { registry } from './registry';
import { seedLog } from './seed';

const PASSWORD = 'correct horse battery';
let runs = 0;

function client(store: EventStore): SyncClient {
	return new SyncClient({
		store,
		rebaser: createCommandRebaser(domainAggregates),
		deviceId: `device-${crypto.randomUUID()}`,
		baseUrl: location.origin
	});
}

/** Absolute time, comparable between pages of one browser. */
const now = () => performance.timeOrigin + performance.now();

/**
 * Case 9: `count` pending events already on the device (a new workspace, signed in), then one
 * `syncNow()` until every one is pushed. Returns the time and how many are still pending.
 */
export async function syncCatchUp(
	count: number,
	durability: Durability
): Promise<{ ms: number; pending: number }> {
	const name = `bench-sync-${++runs}-${Date.now()}`;
	const store = new EventStore({
		name,
		registry,
		dexie: { chromeTransactionDurability: durability }
	});
	const sync = client(store);
	try {
		await sync.signup({
			workspace: `bench-${crypto.randomUUID()}`,
			name: 'ada',
			password: PASSWORD
		});
		await sync.syncNow();
		await seedLog(name, count, durability);
		const start = performance.now();
		await sync.syncNow();
		const ms = performance.now() - start;
		const pending = await store.pendingCount();
		return { ms, pending };
	} finally {
		sync.stop();
		store.close();
		await deleteDatabase(name);
	}
}

interface Device {
	store: EventStore;
	sync: SyncClient;
	orders: AggregateRepository<unknown, never, never>;
	view: ListView<OrderListRow>;
	changed: () => void;
}

let device: Device | undefined;

/**
 * Case 10 set-up: this page becomes a signed-in, started device. Without `invite` it creates a
 * workspace and returns an invite code; with one it joins that workspace.
 */
export async function fanoutStart(invite?: string): Promise<string> {
	const store = new EventStore({ name: `bench-fanout-${Date.now()}`, registry });
	const sync = client(store);
	// The order list's first page, as the page shows it.
	const list = readModelStore(store, orderList).list(readable({ limit: 100 }));
	const joined: Device = {
		store,
		sync,
		orders: new AggregateRepository(store, orderAggregate) as unknown as Device['orders'],
		view: { rows: [], total: undefined, loaded: false },
		changed: () => undefined
	};
	list.subscribe((view) => {
		joined.view = view;
		joined.changed();
	});
	device = joined;
	const workspace = invite ? undefined : `bench-${crypto.randomUUID()}`;
	await sync.signup({
		...(workspace ? { workspace } : { invite }),
		name: invite ? 'bob' : 'ada',
		password: PASSWORD
	});
	await sync.start();
	await sync.syncNow();
	return invite ? '' : await sync.createInvite();
}

/** Case 10, the other device: resolves with the absolute time the order's row shows here. */
export function fanoutWaitFor(streamId: string): Promise<number> {
	const d = device;
	if (!d) throw new Error('fanoutStart first');
	return new Promise((resolve) => {
		const check = () => {
			if (d.view.rows.some(({ key }) => key === streamId)) resolve(now());
		};
		d.changed = check;
		check();
	});
}

/** Case 10, this device: runs a CreateOrder; returns the absolute time of the call. */
export async function fanoutCommand(streamId: string): Promise<number> {
	const d = device;
	if (!d) throw new Error('fanoutStart first');
	const start = now();
	const orders = d.orders as unknown as AggregateRepository<unknown, { type: string }, never>;
	await orders.execute(
		streamId,
		{ type: 'CreateOrder', customerName: 'Grace Hopper', currency: 'EUR' },
		{ userId: 'local-user', deviceId: 'device-bench' }
	);
	return start;
}
