import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../event-store';
import type { Redecide } from '../rebase';
import type { RemoteEvent } from '../remote-event';
import { StoreInspect } from '../store-inspect';
import { databaseOf, metadata, OCCURRED_AT, storedCommand, StoreTracker } from '../testing';
import { FixtureServer, increment, logOf, redecide, WORKSPACE } from './backup-fixture';

// A restore writes each stream's consecutive pending commands as one outbox record (IndexedDB
// charges by the record). Whatever happens to a restored log afterwards must happen exactly as
// it does to the log it was restored from, whose outbox holds a record per command: own changes,
// pushes acknowledged by the push's transaction and by a pull, others' changes pulled over
// pending ones (a rebase), discards, adopting anonymous work. A failure prints fast-check's
// seed; FC_SEED=<seed> replays it.

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;
const STREAMS = ['counter-1', 'counter-2', 'counter-3'];
const stores = new StoreTracker();
afterEach(() => stores.closeAll());

type Step =
	| { kind: 'own'; stream: number; by: number; fragile: boolean }
	| { kind: 'push'; count: number; native: boolean }
	| { kind: 'pull'; stream: number; by: number }
	| { kind: 'discard'; stream: number; skip: number }
	| { kind: 'adopt' };

const stream = fc.nat(STREAMS.length - 1);
const own = fc.record({
	kind: fc.constant('own' as const),
	stream,
	by: fc.integer({ min: 1, max: 9 }),
	fragile: fc.boolean()
});
const history = fc.array(
	fc.oneof(
		{ weight: 4, arbitrary: own },
		{
			weight: 1,
			arbitrary: fc.record({
				kind: fc.constant('push' as const),
				count: fc.integer({ min: 1, max: 3 }),
				native: fc.constant(false)
			})
		}
	),
	{ minLength: 1, maxLength: 20 }
);
const afterwards = fc.array(
	fc.oneof(
		own,
		fc.record({
			kind: fc.constant('push' as const),
			count: fc.integer({ min: 1, max: 5 }),
			native: fc.boolean()
		}),
		fc.record({ kind: fc.constant('pull' as const), stream, by: fc.integer({ min: 10, max: 90 }) }),
		fc.record({ kind: fc.constant('discard' as const), stream, skip: fc.nat(3) }),
		fc.constant({ kind: 'adopt' as const })
	),
	{ maxLength: 12 }
);

/** An id of UUID shape, the same in both logs for the same step. */
const idOf = (kind: number, n: number) =>
	`00000000-0000-4000-8000-${kind.toString(16)}${n.toString(16).padStart(11, '0')}`;
let ids = 0;

/** Decides a command again as the fixture does, its events' ids made from its id and the head. */
const sameRedecide: Redecide = (command, events) =>
	redecide(command, events).map((event, index) => ({
		...event,
		eventId: `${command.commandId}@${events.length + index + 1}`
	}));

/** A command of the device's own: one `Incremented` by `by`, pending, with its command. */
async function appendCommand(
	store: EventStore,
	streamId: string,
	command: {
		commandId: string;
		eventId?: string;
		by: number;
		type?: string;
		causeCommandId?: string;
	}
) {
	const { commandId, by, causeCommandId } = command;
	const head = await store.streamVersion(streamId);
	const meta = metadata({ commandId, correlationId: causeCommandId ?? commandId });
	await store.append(
		streamId,
		[{ type: 'Incremented', eventId: command.eventId, data: { by }, metadata: meta }],
		{
			expectedVersion: head,
			command: {
				commandId,
				command: { type: command.type ?? 'Increment', by },
				...(causeCommandId && { reaction: { name: 'carry', causeCommandId } }),
				correlationId: causeCommandId ?? commandId,
				userId: 'user-1',
				deviceId: 'device-1',
				issuedAt: OCCURRED_AT,
				decidedAtVersion: head
			}
		}
	);
}

/** The device's own command, with the ids `n` gives. */
function ownChange(store: EventStore, streamId: string, by: number, type: string, n: number) {
	return appendCommand(store, streamId, { commandId: idOf(1, n), eventId: idOf(2, n), by, type });
}

/** Plays a step on one log; `remote` is the event another person's device pushed, if any. */
async function play(
	store: EventStore,
	server: FixtureServer,
	step: Step,
	n: number,
	remote?: RemoteEvent
) {
	if (step.kind === 'own') {
		const type = step.fragile ? 'Fragile' : 'Increment';
		await ownChange(store, STREAMS[step.stream]!, step.by, type, n);
	} else if (step.kind === 'push' && !step.native) {
		await server.accept(store, step.count);
	} else if (step.kind === 'push') {
		const pending = await store.readPending({ limit: step.count });
		await store.sync.acknowledge(
			pending.map((event) => ({
				seq: event.seq,
				streamId: event.streamId,
				position: ++server.position,
				recordedAt: OCCURRED_AT,
				recordedBy: 'user-1'
			}))
		);
	} else if (step.kind === 'pull') {
		await store.sync.applyRemote([remote!], sameRedecide);
	} else if (step.kind === 'discard') {
		const pending = (await store.readPending()).filter(
			(event) => event.streamId === STREAMS[step.stream]
		);
		const from = pending[Math.min(step.skip, pending.length - 1)];
		if (from) await store.discardPending(from.streamId, from.version, sameRedecide);
	} else {
		await store.sync.adoptAnonymous('user-1', 'user-9');
	}
}

/** What a log shows of its pending work, without this device's local seqs. */
async function pendingOf(store: EventStore) {
	const { events, conflicts, commands } = await logOf(store);
	const inspect = new StoreInspect(store);
	const changes = [];
	for (let afterSeq = 0; ;) {
		const page = await inspect.pending({ afterSeq, limit: 2 });
		if (page.length === 0) break;
		changes.push(
			...page.map(({ streamId, command, firstSeq, lastSeq }) => ({
				streamId,
				events: lastSeq - firstSeq + 1,
				commandId: command?.commandId
			}))
		);
		afterSeq = page.at(-1)!.firstSeq;
	}
	const found = await Promise.all(
		commands.map((command) => storedCommand(databaseOf(store), command.commandId))
	);
	return {
		events,
		// When each went to the inbox is the moment it happened, different in each log.
		conflicts: conflicts.map(({ createdAt: _at, ...conflict }) => conflict),
		commands,
		found,
		changes,
		pendingChanges: await store.pendingChanges(),
		pendingCount: await store.pendingCount(),
		pending: (await store.readPending()).map(({ seq: _seq, ...event }) => event),
		held: [...(await store.sync.heldStreams())].sort(),
		overview: await inspect.overview().then(({ pendingEvents, pendingChanges }) => ({
			pendingEvents,
			pendingChanges
		}))
	};
}

describe('a restored log (model)', () => {
	it('holds its pending commands in fewer records, and goes on exactly as the log it came from', async () => {
		await fc.assert(
			fc.asyncProperty(history, afterwards, async (before, after) => {
				const original = stores.open();
				const serverA = new FixtureServer();
				for (const step of before) await play(original, serverA, step, ++ids);
				const { blob } = await original.backup.write({ workspace: WORKSPACE, device: 'd-1' });
				const restored = stores.open();
				await restored.backup.restore(blob, { workspace: WORKSPACE, redecide: sameRedecide });
				const serverB = new FixtureServer();
				serverB.position = serverA.position;

				// The point of it: fewer records than changes where a stream's commands run on.
				const records = await databaseOf(restored).outbox.count();
				expect(records).toBeLessThanOrEqual(await restored.pendingChanges());
				expect(await pendingOf(restored)).toEqual(await pendingOf(original));

				for (const step of after) {
					const remote =
						step.kind === 'pull'
							? await serverA.othersChange(original, STREAMS[step.stream]!, step.by, idOf(3, ++ids))
							: undefined;
					if (remote) serverB.position = serverA.position;
					const n = ++ids;
					await play(original, serverA, step, n, remote);
					await play(restored, serverB, step, n, remote);
					expect(await pendingOf(restored)).toEqual(await pendingOf(original));
				}
				stores.closeAll();
			}),
			{ numRuns: 30, seed: SEED }
		);
	});

	it('writes a stream’s consecutive commands as one record, and a command-less append alone', async () => {
		const original = stores.open();
		for (const by of [1, 2, 3]) await increment(original, 'counter-1', by);
		await increment(original, 'counter-2', 4);
		await original.append(
			'counter-2',
			[{ type: 'Incremented', data: { by: 5 }, metadata: metadata() }],
			{ expectedVersion: 1 }
		);
		await increment(original, 'counter-2', 6);
		await increment(original, 'counter-1', 7);
		const { blob } = await original.backup.write({ workspace: WORKSPACE, device: 'd-1' });
		const restored = stores.open();
		await restored.backup.restore(blob, { workspace: WORKSPACE, redecide });

		const records = await databaseOf(restored).outbox.toArray();
		expect(
			records.map((record) => [record.streamId, record.seq, record.last, record.size])
		).toEqual([
			['counter-1', 1, 3, 3],
			['counter-2', 4, 4, undefined],
			['counter-2', 5, 5, undefined],
			['counter-2', 6, 6, undefined],
			['counter-1', 7, 7, undefined]
		]);
		expect(await restored.pendingChanges()).toBe(7);
		expect(await pendingOf(restored)).toEqual(await pendingOf(original));
	});

	it('still holds back a reaction’s command whose cause is inside a stream’s run of commands', async () => {
		const original = stores.open();
		const cause = idOf(1, ++ids);
		const consequence = idOf(1, ++ids);
		// The consequence comes first in the log (a rebase gave its cause a later seq).
		await appendCommand(original, 'counter-1', {
			commandId: consequence,
			by: 1,
			causeCommandId: cause
		});
		await ownChange(original, 'counter-2', 2, 'Increment', ++ids);
		await appendCommand(original, 'counter-2', { commandId: cause, by: 3 });
		const { blob } = await original.backup.write({ workspace: WORKSPACE, device: 'd-1' });
		const restored = stores.open();
		await restored.backup.restore(blob, { workspace: WORKSPACE, redecide: sameRedecide });

		expect((await databaseOf(restored).outbox.toArray()).map((record) => record.size)).toEqual([
			undefined,
			2
		]);
		for (const store of [original, restored]) {
			const first = await store.readPending({ causesFirst: true });
			expect(first.map((event) => event.streamId)).toEqual(['counter-2', 'counter-2']);
		}
	});
});
