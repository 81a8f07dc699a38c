import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { deferEventRegistry } from '../events';
import { testRegistry } from '../testing/registry';
import type { Redecide } from './rebase';
import {
	databaseOf,
	increment,
	metadata,
	OCCURRED_AT,
	remote,
	StoreTracker,
	uniqueName,
	writeRaw
} from './testing';

// The app's registry loads its schemas on demand: the store must wait for them wherever it
// validates or upcasts, and never inside a transaction.

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

/** The fixture domain's registry, deferred; counts its loads. */
function deferredRegistry() {
	const versions = Object.fromEntries(
		[...testRegistry.types].map(([type, eventType]) => [type, eventType.latestVersion])
	);
	let loads = 0;
	const registry = deferEventRegistry(versions, () => {
		loads++;
		return Promise.resolve(testRegistry);
	});
	return { registry, loads: () => loads };
}

const keepAsIs: Redecide = (command) => [
	{ type: 'Incremented', data: { by: 1 }, metadata: metadata({ commandId: command.commandId }) }
];

describe('an event store on a deferred registry', () => {
	it('reads a log in its latest shapes without loading the schemas', async () => {
		const { registry, loads } = deferredRegistry();
		const name = uniqueName();
		await stores
			.open(name)
			.append('counter-1', [increment(1), increment(2)], { expectedVersion: 0 });
		const store = stores.open(name, registry);
		expect((await store.readStream('counter-1')).map((event) => event.data)).toEqual([
			{ by: 1 },
			{ by: 2 }
		]);
		expect(await store.readLocal()).toHaveLength(2);
		expect(await store.readAll()).toHaveLength(2);
		expect(loads()).toBe(0);
	});

	it('loads them once for the first append, and validates as the full registry does', async () => {
		const { registry, loads } = deferredRegistry();
		const store = stores.open(uniqueName(), registry);
		await expect(
			store.append('counter-1', [increment(-1)], { expectedVersion: 0 })
		).rejects.toBeInstanceOf(ValidationError);
		await store.append('counter-1', [increment(1)], { expectedVersion: 0 });
		await store.append('counter-1', [increment(2)], { expectedVersion: 1 });
		expect(loads()).toBe(1);
		expect(await store.streamVersion('counter-1')).toBe(2);
	});

	it('loads them to upcast an event stored in an older shape', async () => {
		const { registry, loads } = deferredRegistry();
		const store = stores.open(uniqueName(), registry);
		await writeRaw(databaseOf(store), {
			streamId: 'item-1',
			version: 1,
			type: 'NoteRenamed',
			schemaVersion: 1,
			data: { name: 'Lamp' }
		});
		const [event] = await store.readStream('item-1');
		expect(event).toMatchObject({ schemaVersion: 3, data: { title: 'Lamp', language: 'en' } });
		expect(loads()).toBe(1);
	});

	it('loads them before a pull rebases pending work written in an earlier session', async () => {
		const name = uniqueName();
		await stores
			.open(name)
			.append('counter-1', [increment(1, { metadata: metadata({ commandId: 'c-1' }) })], {
				expectedVersion: 0,
				command: {
					commandId: 'c-1',
					command: { type: 'Increment' },
					correlationId: 'c-1',
					userId: 'user-1',
					deviceId: 'device-1',
					issuedAt: OCCURRED_AT,
					decidedAtVersion: 0
				}
			});
		const { registry, loads } = deferredRegistry();
		const store = stores.open(name, registry);
		// The rebase validates the events it decides inside the pull's transaction.
		const applied = await store.sync.applyRemote([remote('counter-1', 1, 1)], keepAsIs);
		expect(applied.rebased).toEqual(['counter-1']);
		expect(loads()).toBe(1);
		expect((await store.readStream('counter-1')).map((event) => [event.sync, event.data])).toEqual([
			['synced', { by: 10 }],
			['pending', { by: 1 }]
		]);
	});
});
