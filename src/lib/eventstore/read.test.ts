import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import type { ReadEvent } from '../events';
import type { EventStore } from './event-store';
import { cursorAfter, LOG_START, type LogCursor } from './log-cursor';
import { recordOf } from './internal/receipts';
import {
	databaseOf,
	dumpDatabase,
	increment,
	metadata,
	StoreTracker,
	writeRaw,
	writeSynced
} from './testing';

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

const ids = (events: readonly ReadEvent[]) => events.map((event) => event.eventId);

/** An event of another device, as a pull brings it. */
const pulled = (streamId: string, version: number, position: number) => ({
	eventId: `pulled-${streamId}-${version}`,
	streamId,
	version,
	type: 'Incremented',
	schemaVersion: 1,
	data: { by: version },
	metadata: metadata({ userId: 'user-2' }),
	position,
	recordedAt: '2024-05-01T10:00:00.000Z',
	recordedBy: 'user-2'
});
const noRebase = () => [];

describe('EventStore.readStream', () => {
	async function fiveEvents(): Promise<EventStore> {
		const store = stores.open();
		await store.append('counter-1', [increment(1), increment(2)], { expectedVersion: 0 });
		await store.append('counter-2', [increment(100)], { expectedVersion: 0 });
		await store.append('counter-1', [increment(3), increment(4), increment(5)], {
			expectedVersion: 2
		});
		return store;
	}

	const bys = (events: readonly ReadEvent[]) =>
		events.map((event) => (event.data as { by: number }).by);

	it('reads only the stream asked for, in version order', async () => {
		const store = await fiveEvents();
		const events = await store.readStream('counter-1');
		expect(events.map((event) => event.version)).toEqual([1, 2, 3, 4, 5]);
		expect(bys(events)).toEqual([1, 2, 3, 4, 5]);
		expect(events.every((event) => event.streamId === 'counter-1')).toBe(true);
		expect(bys(await store.readStream('counter-2'))).toEqual([100]);
	});

	it('reads from fromVersion to toVersion, both included', async () => {
		const store = await fiveEvents();
		expect(bys(await store.readStream('counter-1', { fromVersion: 2, toVersion: 4 }))).toEqual([
			2, 3, 4
		]);
		expect(bys(await store.readStream('counter-1', { fromVersion: 4 }))).toEqual([4, 5]);
		expect(bys(await store.readStream('counter-1', { toVersion: 2 }))).toEqual([1, 2]);
		expect(bys(await store.readStream('counter-1', { fromVersion: 3, toVersion: 3 }))).toEqual([3]);
		expect(await store.readStream('counter-1', { fromVersion: 6 })).toEqual([]);
		expect(await store.readStream('counter-1', { fromVersion: 4, toVersion: 3 })).toEqual([]);
		expect(bys(await store.readStream('counter-1', { toVersion: 99 }))).toEqual([1, 2, 3, 4, 5]);
	});

	it('returns an empty list for a stream that does not exist', async () => {
		const store = await fiveEvents();
		expect(await store.readStream('counter-3')).toEqual([]);
		expect(await store.streamVersion('counter-3')).toBe(0);
	});

	it('does not mix in a stream whose id starts with the one asked for', async () => {
		const store = stores.open();
		await store.append('counter-1', [increment(1)], { expectedVersion: 0 });
		await store.append('counter-10', [increment(10), increment(10)], { expectedVersion: 0 });
		expect(bys(await store.readStream('counter-1'))).toEqual([1]);
		expect(await store.streamVersion('counter-1')).toBe(1);
	});
});

describe('EventStore.readAll', () => {
	/**
	 * Three pending events appended first (seq 1..3), then four synced events pulled later
	 * (seq 4..7) whose positions are not in seq order, and one more pending event (seq 8).
	 */
	async function mixedLog(): Promise<EventStore> {
		const store = stores.open();
		await store.append('counter-1', [increment(1), increment(2)], { expectedVersion: 0 });
		await store.append('counter-2', [increment(3)], { expectedVersion: 0 });
		await writeSynced(databaseOf(store), { streamId: 'remote-1', version: 2, position: 20 });
		await writeSynced(databaseOf(store), { streamId: 'remote-1', version: 1, position: 10 });
		await writeSynced(databaseOf(store), { streamId: 'remote-2', version: 1, position: 15 });
		await writeSynced(databaseOf(store), { streamId: 'remote-1', version: 3, position: 30 });
		await store.append('counter-1', [increment(4)], { expectedVersion: 2 });
		return store;
	}

	const order = (events: readonly ReadEvent[]) =>
		events.map((event) =>
			event.sync === 'synced' ? `p${event.position}` : `${event.streamId}@${event.version}`
		);

	it('reads synced events by position first, then pending events by seq', async () => {
		const store = await mixedLog();
		const events = await store.readAll();
		expect(order(events)).toEqual([
			'p10',
			'p15',
			'p20',
			'p30',
			'counter-1@1',
			'counter-1@2',
			'counter-2@1',
			'counter-1@3'
		]);
		const pending = events.filter((event) => event.sync === 'pending');
		for (let i = 1; i < pending.length; i++) {
			expect(pending[i]!.seq).toBeGreaterThan(pending[i - 1]!.seq);
		}
	});

	it('reads an empty log as empty', async () => {
		const store = stores.open();
		expect(await store.readAll()).toEqual([]);
		expect(await store.readAll({ after: { position: 5, seq: 5 }, limit: 3 })).toEqual([]);
	});

	it('returns at most limit events, synced ones first', async () => {
		const store = await mixedLog();
		expect(order(await store.readAll({ limit: 2 }))).toEqual(['p10', 'p15']);
		expect(order(await store.readAll({ limit: 5 }))).toEqual([
			'p10',
			'p15',
			'p20',
			'p30',
			'counter-1@1'
		]);
	});

	it('continues after a cursor: synced events past its position, pending ones past its seq', async () => {
		const store = await mixedLog();
		const all = await store.readAll();
		const afterP15 = await store.readAll({ after: { position: 15, seq: 0 } });
		expect(ids(afterP15)).toEqual(ids(all.slice(2)));
		const cursor = cursorAfter(all.slice(0, 5));
		expect(cursor).toEqual({ position: 30, seq: all[4]!.seq });
		expect(ids(await store.readAll({ after: cursor }))).toEqual(ids(all.slice(5)));
		expect(await store.readAll({ after: cursorAfter(all) })).toEqual([]);
	});

	it.each([1, 2, 3, 4, 5, 7, 8, 100])(
		'paged with limit %i and cursorAfter, returns every event exactly once in full-read order',
		async (limit) => {
			const store = await mixedLog();
			const full = await store.readAll();
			expect(full).toHaveLength(8);
			const paged: ReadEvent[] = [];
			let cursor: LogCursor = LOG_START;
			for (let page = 0; page < 20; page++) {
				const events = await store.readAll({ after: cursor, limit });
				expect(events.length).toBeLessThanOrEqual(limit);
				if (events.length === 0) break;
				paged.push(...events);
				cursor = cursorAfter(events, cursor);
			}
			expect(ids(paged)).toEqual(ids(full));
			expect(new Set(ids(paged)).size).toBe(full.length);
		}
	);

	it('a cursor taken before a pull still sees the pulled events, yet nothing twice', async () => {
		const store = stores.open();
		await store.append('counter-1', [increment(1), increment(2)], { expectedVersion: 0 });
		const first = await store.readAll();
		const cursor = cursorAfter(first);
		// A pull lands events with positions, after the pending ones were read.
		await writeSynced(databaseOf(store), { streamId: 'remote-1', version: 1, position: 1 });
		const next = await store.readAll({ after: cursor });
		expect(order(next)).toEqual(['p1']);
	});

	it('reading does not change the database', async () => {
		const store = await mixedLog();
		const before = await dumpDatabase(databaseOf(store));
		await store.readAll();
		await store.readAll({ limit: 3 });
		await store.readStream('counter-1');
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
	});
});

describe('cursorAfter', () => {
	it('moves the position over synced events and the seq over pending ones', () => {
		expect(
			cursorAfter([
				{ sync: 'synced', position: 4, seq: 9 },
				{ sync: 'pending', seq: 2 },
				{ sync: 'pending', seq: 5 }
			])
		).toEqual({ position: 4, seq: 5 });
	});

	it('keeps the starting cursor when there are no events', () => {
		expect(cursorAfter([], { position: 3, seq: 7 })).toEqual({ position: 3, seq: 7 });
		expect(cursorAfter([])).toEqual(LOG_START);
	});
});

describe('reading events stored at an older schema version', () => {
	it('returns them in the latest shape with the latest schemaVersion', async () => {
		const store = stores.open();
		const raw = await writeRaw(databaseOf(store), {
			streamId: 'item-1',
			version: 1,
			type: 'NoteRenamed',
			schemaVersion: 1,
			data: { name: 'Lamp' }
		});
		await writeRaw(databaseOf(store), {
			streamId: 'item-1',
			version: 2,
			type: 'NoteRenamed',
			schemaVersion: 2,
			data: { title: 'Desk' }
		});
		await store.append(
			'item-1',
			[{ type: 'NoteRenamed', data: { title: 'Chair', language: 'de' }, metadata: metadata() }],
			{ expectedVersion: 2 }
		);

		const events = await store.readStream('item-1');
		expect(events.map((event) => event.schemaVersion)).toEqual([3, 3, 3]);
		expect(events.map((event) => event.data)).toEqual([
			{ title: 'Lamp', language: 'en' },
			{ title: 'Desk', language: 'en' },
			{ title: 'Chair', language: 'de' }
		]);
		expect(events[0]).toMatchObject({ eventId: raw.eventId, seq: raw.seq, version: 1 });
		expect((await store.readAll()).map((event) => event.data)).toEqual(
			events.map((event) => event.data)
		);
	});

	it('leaves the stored event as it was: upcasting happens on read only', async () => {
		const store = stores.open();
		const raw = await writeRaw(databaseOf(store), {
			streamId: 'item-1',
			version: 1,
			type: 'NoteRenamed',
			schemaVersion: 1,
			data: { name: 'Lamp' }
		});
		await store.readStream('item-1');
		expect(await databaseOf(store).events.get(raw.seq)).toEqual(recordOf(raw));
	});

	it('new events are stored at the latest schema version', async () => {
		const store = stores.open();
		const { events } = await store.append(
			'item-1',
			[{ type: 'NoteRenamed', data: { title: 'Chair', language: 'de' }, metadata: metadata() }],
			{ expectedVersion: 0 }
		);
		expect(events[0]!.schemaVersion).toBe(3);
		expect((await databaseOf(store).events.toArray())[0]!.schemaVersion).toBe(3);
	});

	it('fails the read with a ValidationError when stored data is not valid for its version', async () => {
		const store = stores.open();
		await writeRaw(databaseOf(store), {
			streamId: 'item-1',
			version: 1,
			type: 'NoteRenamed',
			schemaVersion: 1,
			data: { title: 'this is the v2 shape' }
		});
		await expect(store.readStream('item-1')).rejects.toThrow(ValidationError);
	});
});

describe('events of a type this build does not know', () => {
	async function withFutureEvent() {
		const store = stores.open();
		await store.append('order-1', [increment(1)], { expectedVersion: 0 });
		const future = await writeSynced(databaseOf(store), {
			streamId: 'order-1',
			version: 2,
			position: 1,
			type: 'OrderShipped',
			schemaVersion: 3,
			data: { carrier: 'DHL', parcels: [{ weight: 1.5 }] }
		});
		return { store, future };
	}

	it('are kept and read back untouched, flagged unknownType', async () => {
		const { store, future } = await withFutureEvent();
		const events = await store.readStream('order-1');
		expect(events).toHaveLength(2);
		expect(events[0]!.unknownType).toBeUndefined();
		expect(events[1]).toEqual({ ...future, unknownType: true });
		const all = await store.readAll();
		expect(all.find((event) => event.type === 'OrderShipped')).toEqual({
			...future,
			unknownType: true
		});
		expect(await databaseOf(store).events.get(future.seq)).toEqual(recordOf(future));
	});

	it('count for the stream version: the next append continues after them', async () => {
		const { store } = await withFutureEvent();
		expect(await store.streamVersion('order-1')).toBe(2);
		await expect(
			store.append('order-1', [increment()], { expectedVersion: 1 })
		).rejects.toMatchObject({ actualVersion: 2 });
		const { events, version } = await store.append('order-1', [increment()], {
			expectedVersion: 2
		});
		expect(version).toBe(3);
		expect(events[0]!.version).toBe(3);
		expect((await store.readStream('order-1')).map((event) => event.version)).toEqual([1, 2, 3]);
	});

	it('cannot be appended by this build', async () => {
		const store = stores.open();
		await expect(
			store.append('order-1', [{ type: 'OrderShipped', data: {}, metadata: metadata() }], {
				expectedVersion: 0
			})
		).rejects.toThrow(ValidationError);
	});
});

describe('events of a known type at a schema version newer than this build knows', () => {
	// A newer app may add a schema version to an existing type; its events arrive by pull.
	// Like events of an unknown type they must be kept and flagged, not make the log unreadable.
	it('are read back untouched and flagged unknownType instead of failing every read', async () => {
		const store = stores.open();
		await store.append('item-1', [increment(1)], { expectedVersion: 0 });
		const future = await writeSynced(databaseOf(store), {
			streamId: 'item-1',
			version: 2,
			position: 1,
			type: 'NoteRenamed',
			schemaVersion: 4,
			data: { title: 'Lamp', language: 'en', font: 'serif' }
		});
		const all = await store.readAll();
		expect(all).toHaveLength(2);
		expect(all[0]).toEqual({ ...future, unknownType: true });
		const stream = await store.readStream('item-1');
		expect(stream[1]).toEqual({ ...future, unknownType: true });
	});
});

describe('EventStore.readLocal', () => {
	it('reads in local order after a seq, at most a limit, each event with its sync state', async () => {
		const store = stores.open();
		await store.append('counter-1', [increment(1), increment(2)], { expectedVersion: 0 });
		// One receipt run covers the three pulled events.
		await store.sync.applyRemote(
			[pulled('counter-2', 1, 1), pulled('counter-2', 2, 2), pulled('counter-2', 3, 3)],
			noRebase
		);
		await store.append('counter-1', [increment(3)], { expectedVersion: 2 });

		const all = await store.readLocal();
		expect(all.map((event) => [event.streamId, event.version, event.sync, event.position])).toEqual(
			[
				['counter-1', 1, 'pending', undefined],
				['counter-1', 2, 'pending', undefined],
				['counter-2', 1, 'synced', 1],
				['counter-2', 2, 'synced', 2],
				['counter-2', 3, 'synced', 3],
				['counter-1', 3, 'pending', undefined]
			]
		);
		expect(all.map((event) => event.seq)).toEqual(
			[...all.map((event) => event.seq)].sort((a, b) => a - b)
		);

		// From inside the run: the receipt that starts before the stretch still answers for it.
		const middle = await store.readLocal({ afterSeq: all[3]!.seq, limit: 1 });
		expect(middle).toEqual([all[4]]);
		expect(await store.readLocal({ afterSeq: all[5]!.seq })).toEqual([]);
		expect(await store.readLocal({ limit: 0 })).toEqual([]);
	});

	it('shares a read between readers asking at once, but never hides a commit from one told of it', async () => {
		const store = stores.open();
		await store.append('counter-1', [increment(1)], { expectedVersion: 0 });
		const [first, second] = await Promise.all([store.readLocal(), store.readLocal()]);
		expect(second).toEqual(first);

		const heard: number[] = [];
		store.subscribe(() => heard.push(heard.length));
		const before = store.readLocal();
		await store.append('counter-1', [increment(2)], { expectedVersion: 1 });
		expect(heard).toEqual([0]);
		// Asked for the same stretch while the earlier read may still be under way.
		const after = await store.readLocal();
		expect(after.map((event) => event.version)).toEqual([1, 2]);
		expect((await before).length).toBeGreaterThanOrEqual(1);
	});
});

describe('readStream and the receipts of its events', () => {
	it('joins the same receipts whether a stream sits close together in the log or far apart', async () => {
		const store = stores.open();
		// counter-1's pulled events are one in ten of the log (far apart); counter-3's run together.
		const page = [];
		let position = 0;
		for (let version = 1; version <= 5; version++) {
			page.push(pulled('counter-1', version, ++position));
			for (let other = 1; other <= 9; other++) {
				page.push(pulled('counter-2', (version - 1) * 9 + other, ++position));
			}
		}
		for (let version = 1; version <= 6; version++)
			page.push(pulled('counter-3', version, ++position));
		await store.sync.applyRemote(page.slice(0, 20), noRebase);
		await store.sync.applyRemote(page.slice(20), noRebase);
		// Own events after them: two pending, on streams far apart and close together.
		await store.append('counter-1', [increment(1)], { expectedVersion: 5 });
		await store.append('counter-3', [increment(1)], { expectedVersion: 6 });

		const all = await store.readAll();
		for (const streamId of ['counter-1', 'counter-2', 'counter-3']) {
			const stream = await store.readStream(streamId);
			expect(stream).toEqual(all.filter((event) => event.streamId === streamId));
			expect(stream.map((event) => event.sync).at(-1)).toBe(
				streamId === 'counter-2' ? 'synced' : 'pending'
			);
		}
		const far = await store.readStream('counter-1', { fromVersion: 2, toVersion: 4 });
		expect(far.map((event) => event.position)).toEqual([11, 21, 31]);
		const close = await store.readStream('counter-3', { fromVersion: 3 });
		expect(close.map((event) => event.position)).toEqual([53, 54, 55, 56, undefined]);
	});
});
