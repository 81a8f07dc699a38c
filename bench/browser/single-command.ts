import { AggregateRepository } from '../../src/lib/aggregates';
import { orderAggregate, orderList, type OrderListRow } from '../../src/lib/domain';
import { EventStore } from '../../src/lib/eventstore';
import { readModelStore, type ListView } from '../../src/lib/projections';
import { readable } from 'svelte/store';
import { orderEvents } from '../shared/realistic-events';
import type { Durability } from './api';
import { committed, deleteDatabase, openRawEvents, readwrite } from './raw-idb';
import { registry } from './registry';
import { storedRecords } from './stored-records';

const CONTEXT = { userId: 'local-user', deviceId: 'device-bench' };
let runs = 0;

/** Case 2: each command from the call until its row shows the change on the order list's page. */
export async function singleCommand(
	contestant: 'rewind' | 'raw',
	commands: number,
	durability: Durability
): Promise<number[]> {
	const name = `bench-command-${contestant}-${++runs}-${Date.now()}`;
	try {
		return contestant === 'rewind'
			? await rewindCommands(name, commands, durability)
			: await rawAdds(name, commands, durability);
	} finally {
		await deleteDatabase(name);
	}
}

async function rewindCommands(
	name: string,
	commands: number,
	durability: Durability
): Promise<number[]> {
	const store = new EventStore({
		name,
		registry,
		dexie: { chromeTransactionDurability: durability }
	});
	const orders = new AggregateRepository(store, orderAggregate);
	// The list's first page, as the order list shows it.
	const list = readModelStore(store, orderList).list(readable({ limit: 100 }));
	let view: ListView<OrderListRow> = { rows: [], total: undefined, loaded: false };
	let changed: () => void = () => undefined;
	const unsubscribe = list.subscribe((next) => {
		view = next;
		changed();
	});
	const until = (done: () => boolean) =>
		new Promise<void>((resolve) => {
			if (done()) return resolve();
			changed = () => {
				if (done()) resolve();
			};
		});
	const streamId = `order-${crypto.randomUUID()}`;
	const itemsOf = () => view.rows.find(({ key }) => key === streamId)?.row.order;
	try {
		await until(() => view.loaded);
		// Not timed: the first command opens the database and creates the order.
		await orders.execute(
			streamId,
			{ type: 'CreateOrder', customerName: 'Ada', currency: 'EUR' },
			CONTEXT
		);
		await until(() => itemsOf()?.status === 'draft');
		const times: number[] = [];
		for (let i = 1; i <= commands; i++) {
			const start = performance.now();
			await orders.execute(
				streamId,
				{
					type: 'AddItem',
					lineId: crypto.randomUUID(),
					name: 'Cold-pressed olive oil, 500 ml',
					sku: 'PAN-OLV-500',
					unitPriceCents: 1290,
					quantity: 2
				},
				CONTEXT
			);
			await until(() => {
				const order = itemsOf();
				return order !== undefined && order.status === 'draft' && order.items.length === i;
			});
			times.push(performance.now() - start);
		}
		return times;
	} finally {
		unsubscribe();
		// Let the runner's stop (checkpoint save) finish before the database goes.
		await new Promise((resolve) => setTimeout(resolve, 50));
		store.close();
	}
}

async function rawAdds(name: string, commands: number, durability: Durability): Promise<number[]> {
	const db = await openRawEvents(name);
	const streamId = `order-${crypto.randomUUID()}`;
	const records = storedRecords(streamId, orderEvents(commands + 1, 0, false));
	const add = async (index: number) => {
		const tx = readwrite(db, 'events', durability);
		tx.objectStore('events').add(records[index]);
		await committed(tx);
	};
	await add(0);
	const times: number[] = [];
	for (let i = 1; i <= commands; i++) {
		const start = performance.now();
		await add(i);
		times.push(performance.now() - start);
	}
	db.close();
	return times;
}
