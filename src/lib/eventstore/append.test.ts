import { afterEach, describe, expect, it } from 'vitest';
import {
	CommandAlreadyStoredError,
	EventTooLargeError,
	ReadOnlyError,
	StorageQuotaError,
	ValidationError,
	VersionConflictError,
	type ExpectedVersion
} from '../errors';
import { z } from 'zod';
import { createEventRegistry, defineEventType, MAX_EVENT_BYTES, type EventInput } from '../events';
import type { EventStore } from './event-store';
import type { StoredCommand } from './stored-command';
import {
	acceptOnServer,
	databaseOf,
	dumpDatabase,
	increment,
	injectQuotaFailure,
	metadata,
	OCCURRED_AT,
	storedCommand,
	storedCommands,
	StoreTracker
} from './testing';

// The fixture domain's types are strict objects; this file's own plain-object type shows that the
// store keeps the data as its schema parsed it (unknown keys stripped).
const plainCounted = defineEventType({
	type: 'Counted',
	schema: z.object({ by: z.number().int().positive() })
});

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

async function rejection(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected the promise to reject');
}

function command(
	overrides: Partial<StoredCommand> = {}
): Omit<StoredCommand, 'eventIds' | 'streamId'> {
	return {
		commandId: crypto.randomUUID(),
		command: { type: 'Increment', by: 1 },
		correlationId: 'correlation-1',
		userId: 'user-1',
		deviceId: 'device-1',
		issuedAt: OCCURRED_AT,
		decidedAtVersion: 0,
		...overrides
	};
}

/** A store whose stream `counter-1` already holds two events and one command. */
async function seeded(): Promise<EventStore> {
	const store = stores.open();
	await store.append('counter-1', [increment(1), increment(2)], {
		expectedVersion: 0,
		command: command()
	});
	await store.saveSnapshot({
		streamId: 'counter-1',
		version: 2,
		eventId: 'x',
		snapshotVersion: 1,
		state: { n: 3 }
	});
	return store;
}

describe('EventStore.append', () => {
	it('writes a batch with versions head+1..head+N, increasing seq and sync pending', async () => {
		const store = stores.open();
		const first = await store.append('counter-1', [increment(1), increment(2)], {
			expectedVersion: 0
		});
		expect(first.version).toBe(2);
		expect(first.events.map((event) => event.version)).toEqual([1, 2]);

		const second = await store.append('counter-1', [increment(3), increment(4), increment(5)], {
			expectedVersion: 2
		});
		expect(second.version).toBe(5);
		expect(second.events.map((event) => event.version)).toEqual([3, 4, 5]);

		const rows = await store.readLocal();
		expect(rows.map((row) => row.version)).toEqual([1, 2, 3, 4, 5]);
		expect(rows.map((row) => (row.data as { by: number }).by)).toEqual([1, 2, 3, 4, 5]);
		for (let i = 1; i < rows.length; i++) expect(rows[i]!.seq).toBeGreaterThan(rows[i - 1]!.seq);
		for (const row of rows) {
			expect(row.sync).toBe('pending');
			expect(row.streamId).toBe('counter-1');
			expect(row.type).toBe('Incremented');
			expect(row.schemaVersion).toBe(1);
			expect(row.position).toBeUndefined();
			expect(row.recordedAt).toBeUndefined();
		}
		// The result is what was stored, seq included, and all of it is waiting to be pushed.
		expect([...first.events, ...second.events]).toEqual(rows);
		expect(await store.readPending()).toEqual(rows);
		expect(await store.pendingCount()).toBe(5);
		expect(await store.streamVersion('counter-1')).toBe(5);
	});

	it('keeps a given eventId and makes a unique one when none is given', async () => {
		const store = stores.open();
		const eventId = crypto.randomUUID();
		const { events } = await store.append(
			'counter-1',
			[increment(1, { eventId }), increment(1), increment(1)],
			{ expectedVersion: 'any' }
		);
		expect(events[0]!.eventId).toBe(eventId);
		expect(new Set(events.map((event) => event.eventId)).size).toBe(3);
	});

	it('stores the data as the schema parsed it and the metadata as given', async () => {
		const store = stores.open(undefined, createEventRegistry([plainCounted]));
		const meta = metadata({ causationId: 'cause-1' });
		await store.append(
			'counter-1',
			[{ type: 'Counted', data: { by: 2, extra: 'stripped' }, metadata: meta }],
			{ expectedVersion: 0 }
		);
		const [row] = await databaseOf(store).events.toArray();
		expect(row!.data).toEqual({ by: 2 });
		expect(row!.metadata).toEqual(meta);
	});

	it('keeps streams apart: each has its own versions', async () => {
		const store = stores.open();
		await store.append('counter-1', [increment(), increment()], { expectedVersion: 0 });
		const other = await store.append('counter-2', [increment()], { expectedVersion: 0 });
		expect(other.version).toBe(1);
		expect(other.events[0]!.version).toBe(1);
		expect(await store.streamVersion('counter-1')).toBe(2);
		expect(await store.streamVersion('never-written')).toBe(0);
	});

	it('writes nothing for an empty batch but still checks the expected version', async () => {
		const store = await seeded();
		const before = await dumpDatabase(databaseOf(store));
		expect(await store.append('counter-1', [], { expectedVersion: 2 })).toEqual({
			events: [],
			version: 2
		});
		await expect(store.append('counter-1', [], { expectedVersion: 1 })).rejects.toBeInstanceOf(
			VersionConflictError
		);
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
	});

	it('accepts a $Rewound system event', async () => {
		const store = stores.open();
		await store.append('counter-1', [increment(), increment()], { expectedVersion: 0 });
		const { events } = await store.append(
			'counter-1',
			[{ type: '$Rewound', data: { toVersion: 1 }, metadata: metadata() }],
			{ expectedVersion: 2 }
		);
		expect(events[0]).toMatchObject({ type: '$Rewound', version: 3, data: { toVersion: 1 } });
	});

	describe('with one bad event in the batch, writes nothing and throws a ValidationError', () => {
		const cases: [string, (store: EventStore) => Promise<EventInput[]>, RegExp][] = [
			[
				'data that fails its schema',
				() => Promise.resolve([increment(1), increment(-5), increment(1)]),
				/^Event 2: .*"Incremented".*not valid/
			],
			[
				'an unknown event type',
				() =>
					Promise.resolve([increment(1), { type: 'OrderShipped', data: {}, metadata: metadata() }]),
				/^Event 2: "OrderShipped" is not an event type this version of the app knows/
			],
			[
				'no type at all',
				() => Promise.resolve([{ data: { by: 1 }, metadata: metadata() } as unknown as EventInput]),
				/^Event 1: it has no type/
			],
			[
				'metadata without a userId',
				() =>
					Promise.resolve([
						increment(1),
						increment(1, { metadata: { ...metadata(), userId: '' } })
					]),
				/^Event 2: its metadata is not valid/
			],
			[
				'metadata with an occurredAt that is not ISO time',
				() => Promise.resolve([increment(1, { metadata: metadata({ occurredAt: 'yesterday' }) })]),
				/^Event 1: its metadata is not valid/
			],
			[
				'metadata with an unexpected key',
				() =>
					Promise.resolve([
						increment(1, { metadata: { ...metadata(), extra: 1 } as ReturnType<typeof metadata> })
					]),
				/^Event 1: its metadata is not valid/
			],
			[
				'an eventId that appears twice in the batch',
				() => Promise.resolve([increment(1, { eventId: 'e-1' }), increment(1, { eventId: 'e-1' })]),
				/^Event 2: its eventId e-1 appears twice in the batch/
			],
			[
				'an empty eventId',
				() => Promise.resolve([increment(1, { eventId: '' })]),
				/^Event 1: its eventId must be a string of 1 to 200 characters/
			],
			[
				'an eventId already stored on this device',
				async (store) => {
					const [existing] = await databaseOf(store).events.toArray();
					return [increment(1), increment(1, { eventId: existing!.eventId })];
				},
				/already stored on this device/
			]
		];

		it.each(cases)('%s', async (_, batch, message) => {
			const store = await seeded();
			const events = await batch(store);
			const before = await dumpDatabase(databaseOf(store));
			const error = await rejection(
				store.append('counter-1', events, { expectedVersion: 2, command: command() })
			);
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).message).toMatch(message);
			expect((error as ValidationError).issues.length).toBeGreaterThan(0);
			expect(await dumpDatabase(databaseOf(store))).toBe(before);
			expect(await store.streamVersion('counter-1')).toBe(2);
		});
	});

	it('refuses an event over MAX_EVENT_BYTES of JSON, in UTF-8 bytes, writing nothing', async () => {
		const store = await seeded();
		const note = (text: string, eventId?: string): EventInput => ({
			...(eventId ? { eventId } : {}),
			type: 'NoteWritten',
			data: { title: text },
			metadata: metadata()
		});
		const before = await dumpDatabase(databaseOf(store));
		// Under the limit in characters, over it in bytes: "€" is three bytes of UTF-8.
		const euros = note('€'.repeat(MAX_EVENT_BYTES / 3), 'big-one');
		const error = await rejection(
			store.append('counter-1', [increment(1), euros], { expectedVersion: 2, command: command() })
		);
		expect(error).toBeInstanceOf(EventTooLargeError);
		expect(error).toMatchObject({ eventId: 'big-one', limit: MAX_EVENT_BYTES });
		expect((error as EventTooLargeError).bytes).toBeGreaterThan(MAX_EVENT_BYTES);
		expect(await dumpDatabase(databaseOf(store))).toBe(before);

		// The same event with room to spare for its envelope is stored.
		const { events } = await store.append('counter-1', [note('€'.repeat(MAX_EVENT_BYTES / 4))], {
			expectedVersion: 2
		});
		expect(events).toHaveLength(1);
	});

	it('refuses an eventId stored in another stream too, writing nothing', async () => {
		const store = await seeded();
		const [existing] = await databaseOf(store).events.toArray();
		const before = await dumpDatabase(databaseOf(store));
		const error = await rejection(
			store.append('counter-2', [increment(1, { eventId: existing!.eventId })], {
				expectedVersion: 0
			})
		);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).issues).toEqual([
			{ path: ['eventId'], message: 'duplicate event id' }
		]);
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
	});

	it('refuses a batch that is not an array', async () => {
		const store = await seeded();
		const before = await dumpDatabase(databaseOf(store));
		await expect(
			store.append('counter-1', increment() as unknown as EventInput[], { expectedVersion: 2 })
		).rejects.toThrow(ValidationError);
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
	});

	it('continues the seq after a refused batch as if it never happened', async () => {
		const store = await seeded();
		const [, last] = await databaseOf(store).events.orderBy('seq').toArray();
		const [existing] = await databaseOf(store).events.toArray();
		await rejection(
			store.append('counter-1', [increment(1), increment(1, { eventId: existing!.eventId })], {
				expectedVersion: 2
			})
		);
		const { events } = await store.append('counter-1', [increment(1)], { expectedVersion: 2 });
		expect(events[0]!.version).toBe(3);
		expect(events[0]!.seq).toBeGreaterThan(last!.seq);
	});
});

describe('expectedVersion', () => {
	it('0 means the stream must not exist yet', async () => {
		const store = stores.open();
		await store.append('counter-1', [increment()], { expectedVersion: 0 });
		const error = await rejection(store.append('counter-1', [increment()], { expectedVersion: 0 }));
		expect(error).toBeInstanceOf(VersionConflictError);
		expect(error).toMatchObject({
			streamId: 'counter-1',
			expectedVersion: 0,
			actualVersion: 1,
			code: 'version_conflict'
		});
		expect((error as Error).message).toContain('expected a new record');
	});

	it('a number means the stream must be at exactly that version', async () => {
		const store = stores.open();
		await store.append('counter-1', [increment(), increment(), increment()], {
			expectedVersion: 0
		});
		for (const expected of [2, 4]) {
			const error = await rejection(
				store.append('counter-1', [increment()], { expectedVersion: expected })
			);
			expect(error).toBeInstanceOf(VersionConflictError);
			expect(error).toMatchObject({
				streamId: 'counter-1',
				expectedVersion: expected,
				actualVersion: 3
			});
			expect((error as Error).message).toContain(`version ${expected}`);
		}
		expect((await store.append('counter-1', [increment()], { expectedVersion: 3 })).version).toBe(
			4
		);
	});

	it('a batch whose first version is taken reports the real head, not its own later events', async () => {
		const store = await seeded();
		await store.append('counter-1', [increment()], { expectedVersion: 2 });
		const before = await dumpDatabase(databaseOf(store));
		// Versions 3 (taken), 4 and 5 (free): the refusal must still name version 3 as the head.
		const error = await rejection(
			store.append('counter-1', [increment(), increment(), increment()], {
				expectedVersion: 2,
				command: command()
			})
		);
		expect(error).toBeInstanceOf(VersionConflictError);
		expect(error).toMatchObject({ expectedVersion: 2, actualVersion: 3 });
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
	});

	it('expectedHeadEventId must be the event at that version, or the append conflicts', async () => {
		const store = await seeded();
		const head = (await store.readStream('counter-1')).at(-1)!;
		const before = await dumpDatabase(databaseOf(store));
		for (const expectedHeadEventId of ['some-other-event', head.eventId]) {
			for (const expectedVersion of [0, 1, 3]) {
				const error = await rejection(
					store.append('counter-1', [increment()], { expectedVersion, expectedHeadEventId })
				);
				expect(error).toBeInstanceOf(VersionConflictError);
				expect(error).toMatchObject({ expectedVersion, actualVersion: 2 });
			}
		}
		const error = await rejection(
			store.append('counter-1', [increment()], {
				expectedVersion: 2,
				expectedHeadEventId: 'some-other-event',
				command: command()
			})
		);
		expect(error).toMatchObject({ expectedVersion: 2, actualVersion: 2 });
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
		const { version } = await store.append('counter-1', [increment()], {
			expectedVersion: 2,
			expectedHeadEventId: head.eventId
		});
		expect(version).toBe(3);
	});

	it('a number other than 0 conflicts on a stream that does not exist', async () => {
		const store = stores.open();
		const error = await rejection(store.append('counter-1', [increment()], { expectedVersion: 1 }));
		expect(error).toMatchObject({ streamId: 'counter-1', expectedVersion: 1, actualVersion: 0 });
		expect(await databaseOf(store).events.count()).toBe(0);
	});

	it("'any' appends whatever the head is, new stream or not", async () => {
		const store = stores.open();
		expect(
			(await store.append('counter-1', [increment()], { expectedVersion: 'any' })).version
		).toBe(1);
		expect(
			(await store.append('counter-1', [increment(), increment()], { expectedVersion: 'any' }))
				.version
		).toBe(3);
	});

	it("'exists' appends to a stream that has events and conflicts on a new one", async () => {
		const store = stores.open();
		const error = await rejection(
			store.append('counter-1', [increment()], { expectedVersion: 'exists' })
		);
		expect(error).toBeInstanceOf(VersionConflictError);
		expect(error).toMatchObject({
			streamId: 'counter-1',
			expectedVersion: 'exists',
			actualVersion: 0
		});
		expect(await databaseOf(store).events.count()).toBe(0);
		await store.append('counter-1', [increment()], { expectedVersion: 0 });
		expect(
			(await store.append('counter-1', [increment()], { expectedVersion: 'exists' })).version
		).toBe(2);
	});

	it('a conflict writes nothing: no events and no command', async () => {
		const store = await seeded();
		const before = await dumpDatabase(databaseOf(store));
		const error = await rejection(
			store.append('counter-1', [increment(), increment()], {
				expectedVersion: 1,
				command: command()
			})
		);
		expect(error).toBeInstanceOf(VersionConflictError);
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
	});

	it.each([-1, 1.5, 'foo', null, undefined, Number.NaN, Infinity, '1'])(
		'%s is refused as a ValidationError before anything is read or written',
		async (expectedVersion) => {
			const store = await seeded();
			const before = await dumpDatabase(databaseOf(store));
			const error = await rejection(
				store.append('counter-1', [increment()], {
					expectedVersion: expectedVersion as ExpectedVersion
				})
			);
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).message).toContain('expectedVersion must be');
			expect(await dumpDatabase(databaseOf(store))).toBe(before);
		}
	);

	it('a missing options object is refused as a ValidationError', async () => {
		const store = stores.open();
		await expect(
			store.append('counter-1', [increment()], undefined as unknown as { expectedVersion: 0 })
		).rejects.toThrow(ValidationError);
		expect(await databaseOf(store).events.count()).toBe(0);
	});
});

describe('stream ids', () => {
	it.each([
		['empty', ''],
		['201 characters long', 'x'.repeat(201)],
		['with a space', 'counter 1'],
		['with a slash', 'counter/1']
	])('an id %s is refused by append, readStream and streamVersion', async (_, streamId) => {
		const store = await seeded();
		const before = await dumpDatabase(databaseOf(store));
		const error = await rejection(
			store.append(streamId, [increment()], { expectedVersion: 'any' })
		);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).message).toContain('is not a valid record id');
		await expect(store.readStream(streamId)).rejects.toThrow(ValidationError);
		await expect(store.streamVersion(streamId)).rejects.toThrow(ValidationError);
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
	});

	it('an id of exactly 200 characters is accepted', async () => {
		const store = stores.open();
		const streamId = 'x'.repeat(200);
		expect((await store.append(streamId, [increment()], { expectedVersion: 0 })).version).toBe(1);
	});
});

describe('append with a command', () => {
	it('stores the command in the same transaction with its streamId and the eventIds', async () => {
		const store = stores.open();
		const given = command({ decidedAtVersion: 0 });
		const { events } = await store.append('counter-1', [increment(1), increment(2)], {
			expectedVersion: 0,
			command: given
		});
		const stored = await storedCommand(databaseOf(store), given.commandId);
		expect(stored).toEqual({
			...given,
			streamId: 'counter-1',
			eventIds: events.map((event) => event.eventId)
		});
		expect(await store.commandsOf('counter-1')).toEqual([stored]);
		expect(await store.commandsOf('counter-2')).toEqual([]);
	});

	it('keeps one command per append, each with only its own events', async () => {
		const store = stores.open();
		const a = await store.append('counter-1', [increment()], {
			expectedVersion: 0,
			command: command()
		});
		const b = await store.append('counter-1', [increment(), increment()], {
			expectedVersion: 1,
			command: command({ decidedAtVersion: 1 })
		});
		const commands = await store.commandsOf('counter-1');
		expect(commands.map((c) => c.eventIds).sort((x, y) => x.length - y.length)).toEqual([
			a.events.map((event) => event.eventId),
			b.events.map((event) => event.eventId)
		]);
	});

	it('stores no command when the append fails validation', async () => {
		const store = stores.open();
		const given = command();
		await rejection(
			store.append('counter-1', [increment(1), increment(0)], {
				expectedVersion: 0,
				command: given
			})
		);
		expect((await storedCommands(databaseOf(store))).length).toBe(0);
		expect(await databaseOf(store).events.count()).toBe(0);
	});

	it('refuses a commandId already stored, pending or synced, and keeps the events of that append out too', async () => {
		const store = stores.open();
		const given = command();
		// The command's events carry its id, as the repository writes them.
		const own = () => increment(1, { metadata: metadata({ commandId: given.commandId }) });
		const first = await store.append('counter-1', [own()], {
			expectedVersion: 0,
			command: given
		});
		const before = await dumpDatabase(databaseOf(store));
		const error = await rejection(
			store.append('counter-2', [own()], { expectedVersion: 0, command: given })
		);
		expect(error).toBeInstanceOf(CommandAlreadyStoredError);
		expect(error).toMatchObject({
			code: 'command_already_stored',
			commandId: given.commandId,
			streamId: 'counter-1'
		});
		expect(await dumpDatabase(databaseOf(store))).toBe(before);

		// Once the server has it, the command is no longer pending, and still refused.
		await acceptOnServer(databaseOf(store), first.events[0]!.seq, {
			position: 1,
			recordedAt: OCCURRED_AT
		});
		const synced = await dumpDatabase(databaseOf(store));
		await expect(
			store.append('counter-1', [own()], { expectedVersion: 1, command: given })
		).rejects.toBeInstanceOf(CommandAlreadyStoredError);
		expect(await dumpDatabase(databaseOf(store))).toBe(synced);
		expect((await store.eventsOfCommand(given.commandId)).map((e) => [e.version, e.sync])).toEqual([
			[1, 'synced']
		]);
	});
	it('refuses a pending command again even when its events carry other ids in their metadata', async () => {
		const store = stores.open();
		const given = command();
		await store.append('counter-1', [increment()], { expectedVersion: 0, command: given });
		const before = await dumpDatabase(databaseOf(store));
		const error = await rejection(
			store.append('counter-1', [increment()], { expectedVersion: 1, command: given })
		);
		expect(error).toBeInstanceOf(CommandAlreadyStoredError);
		expect(error).toMatchObject({ commandId: given.commandId, streamId: 'counter-1' });
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
	});
});

describe('when the device is out of storage', () => {
	it('append throws StorageQuotaError with a helpful message and writes nothing', async () => {
		const store = stores.open();
		const quota = injectQuotaFailure(databaseOf(store), ['events']);
		await store.append('counter-1', [increment()], { expectedVersion: 0, command: command() });
		const before = await dumpDatabase(databaseOf(store));

		quota.failing = true;
		const error = await rejection(
			store.append('counter-1', [increment(), increment()], {
				expectedVersion: 1,
				command: command()
			})
		);
		expect(error).toBeInstanceOf(StorageQuotaError);
		expect((error as StorageQuotaError).code).toBe('storage_quota_exceeded');
		expect((error as StorageQuotaError).message).toMatch(/out of storage space/);
		expect((error as StorageQuotaError).message).toMatch(/was not saved/);
		expect((error as StorageQuotaError).cause).toBeDefined();
		expect(await dumpDatabase(databaseOf(store))).toBe(before);

		quota.failing = false;
		expect((await store.append('counter-1', [increment()], { expectedVersion: 1 })).version).toBe(
			2
		);
	});

	it('a quota failure on the outbox entry (with the command) rolls back the events before it', async () => {
		const store = stores.open();
		const quota = injectQuotaFailure(databaseOf(store), ['outbox']);
		await store.append('counter-1', [increment()], { expectedVersion: 0, command: command() });
		const before = await dumpDatabase(databaseOf(store));

		quota.failing = true;
		const error = await rejection(
			store.append('counter-1', [increment(), increment()], {
				expectedVersion: 1,
				command: command()
			})
		);
		expect(error).toBeInstanceOf(StorageQuotaError);
		expect(await dumpDatabase(databaseOf(store))).toBe(before);
		expect(await store.streamVersion('counter-1')).toBe(1);
	});

	it('saveSnapshot throws StorageQuotaError and keeps the previous snapshot', async () => {
		const store = stores.open();
		const quota = injectQuotaFailure(databaseOf(store), ['snapshots']);
		const snapshot = {
			streamId: 'counter-1',
			version: 1,
			eventId: 'e',
			snapshotVersion: 1,
			state: 1
		};
		await store.saveSnapshot(snapshot);
		quota.failing = true;
		await expect(store.saveSnapshot({ ...snapshot, version: 2, state: 2 })).rejects.toBeInstanceOf(
			StorageQuotaError
		);
		expect(await store.latestSnapshot('counter-1')).toEqual(snapshot);
	});
});

describe('on a read-only device (refuseWrites)', () => {
	it('refuses a change before writing anything, with the reason, and takes changes again once lifted', async () => {
		const store = await seeded();
		const before = await dumpDatabase(databaseOf(store));
		store.refuseWrites('You can view Market but not change it.');
		expect(store.readOnly).toBe(true);

		const error = await rejection(
			store.append('counter-1', [increment(3)], { expectedVersion: 2, command: command() })
		);
		expect(error).toBeInstanceOf(ReadOnlyError);
		expect((error as ReadOnlyError).message).toBe('You can view Market but not change it.');
		expect(await dumpDatabase(databaseOf(store))).toEqual(before);

		store.refuseWrites(undefined);
		const { version } = await store.append('counter-1', [increment(3)], {
			expectedVersion: 2,
			command: command()
		});
		expect(version).toBe(3);
	});
});
