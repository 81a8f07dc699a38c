import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AggregateRepository } from '../../src/lib/aggregates';
import { isIllegalStateError } from '../../src/lib/errors';
import { EventStore } from '../../src/lib/eventstore';
import { reactionCommandId, ReactionRunner } from '../../src/lib/reactions';
import type { SyncServer } from '../../src/lib/server/sync-server';
import { SyncClient } from '../../src/lib/sync/sync-client';
import { carryReaction, counterAggregate, testRegistry } from '../../src/lib/testing';
import { createCommandRebaser } from '../../src/lib/undo';
import {
	FlakyNetwork,
	pendingEvents,
	quickWorkspace,
	serverLog,
	startTestServer,
	syncedLog,
	type Fault
} from './sync-harness';

// Property (DESIGN.md, invariant 7, and "Reactions"): whatever the interleaving of changes,
// reaction runs (none yet, once, again after a crash, again on another device) and syncs over a
// flaky network on 2–3 devices, once everything has settled every cause on the server acted
// exactly once (its carry is on the server once) or is visibly refused (its carry is in its
// device's inbox and the refusal was noted on the cause's record); and no carry is on the server
// without its cause.

const RUNS = Number(process.env.REACTIONS_MODEL_RUNS ?? 25);
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;

const counters = counterAggregate();
const rebaser = createCommandRebaser([counters]);
const SOURCES = ['counter-a1', 'counter-a2'] as const;

type Action =
	| { kind: 'change'; device: number; streamId: (typeof SOURCES)[number]; by: number }
	| { kind: 'react'; device: number }
	| { kind: 'crash'; device: number }
	| { kind: 'replay'; device: number; of: number }
	| { kind: 'sync'; device: number; fault: Fault };

function scenario(devices: number) {
	const device = fc.integer({ min: 0, max: devices - 1 });
	const action: fc.Arbitrary<Action> = fc.oneof(
		{
			weight: 4,
			arbitrary: fc.record({
				kind: fc.constant('change' as const),
				device,
				streamId: fc.constantFrom(...SOURCES),
				by: fc.integer({ min: 200, max: 600 })
			})
		},
		{ weight: 3, arbitrary: fc.record({ kind: fc.constant('react' as const), device }) },
		{ weight: 1, arbitrary: fc.record({ kind: fc.constant('crash' as const), device }) },
		{
			weight: 2,
			arbitrary: fc.record({ kind: fc.constant('replay' as const), device, of: device })
		},
		{
			weight: 3,
			arbitrary: fc.record({
				kind: fc.constant('sync' as const),
				device,
				fault: fc.constantFrom<Fault>(undefined, undefined, 'down', 'lost')
			})
		}
	);
	return fc.record({ devices: fc.constant(devices), actions: fc.array(action, { maxLength: 18 }) });
}

function syncedDevice(index: number, server: SyncServer) {
	const net = new FlakyNetwork(() => (request) => server.handle(request));
	const store = new EventStore({
		name: `reactions-${crypto.randomUUID()}`,
		registry: testRegistry
	});
	const deviceId = `device-${index}`;
	const sync = new SyncClient({
		store,
		rebaser,
		deviceId,
		baseUrl: 'http://rewind.test',
		fetch: net.fetch,
		backoff: { baseMs: 5, maxMs: 20 }
	});
	const repository = new AggregateRepository(store, counters);
	const runnerFor = (asDevice: string, checkpointKey?: string) =>
		new ReactionRunner({
			store,
			deviceId: asDevice,
			reactions: [carryReaction],
			execute: (streamId, command, context) => repository.execute(streamId, command, context),
			stateAfter: async (event) =>
				(await repository.stateAt(event.streamId, { version: event.version })).state,
			...(checkpointKey ? { checkpointKey } : {})
		});
	return { net, store, sync, deviceId, repository, runner: runnerFor(deviceId), runnerFor };
}

describe('reactions across devices (examples)', () => {
	let server: SyncServer;
	beforeAll(async () => {
		server = await startTestServer({ registry: testRegistry });
	});
	afterAll(async () => {
		await server.close();
	});

	async function two() {
		const ws = await quickWorkspace(server, ['ada', 'bob']);
		const devices = [syncedDevice(0, server), syncedDevice(1, server)];
		for (const [i, d] of devices.entries()) {
			await d.sync.login(ws.logins[i]!);
			await d.runner.catchUp();
		}
		const as = (d: (typeof devices)[number]) => ({
			userId: d.sync.session!.userId,
			deviceId: d.deviceId
		});
		return { ws, devices, as };
	}

	it('a reaction run on two devices acts once: the second drops its copy when the first arrives', async () => {
		const { ws, devices, as } = await two();
		const [x, y] = devices as [ReturnType<typeof syncedDevice>, ReturnType<typeof syncedDevice>];
		try {
			const replay = y.runnerFor(x.deviceId, 'replay');
			await replay.catchUp();
			await x.repository.execute('counter-a1', { type: 'Increment', by: 5 }, as(x));
			await x.sync.syncNow();
			await y.sync.syncNow();
			await replay.catchUp();
			expect(await pendingEvents(y.store)).toHaveLength(1);
			await x.runner.catchUp();
			await x.sync.syncNow();
			await y.sync.syncNow();

			const onServer = await serverLog(server, ws.tokens[0]!);
			expect(onServer.filter((row) => row.streamId === 'counter-b1')).toHaveLength(1);
			expect(await pendingEvents(y.store)).toEqual([]);
			expect(await syncedLog(y.store)).toEqual(onServer);
		} finally {
			for (const d of devices) {
				d.sync.stop();
				d.store.close();
			}
		}
	});

	it('discarding a pending change takes what reactions did because of it, and keeps the rest', async () => {
		const { devices, as } = await two();
		const [x] = devices;
		try {
			await x!.repository.execute('counter-a1', { type: 'Increment', by: 5 }, as(x!));
			await x!.runner.catchUp();
			await x!.repository.execute('counter-b1', { type: 'Increment', by: 7 }, as(x!));
			await x!.sync.discardPending('counter-a1', 1);

			expect((await x!.repository.load('counter-a1')).version).toBe(0);
			const b1 = await x!.store.readStream('counter-b1');
			expect(b1.map((event) => event.data)).toEqual([{ by: 7 }]);
			expect(await x!.store.sync.conflicts()).toEqual([]);
		} finally {
			for (const d of devices) {
				d.sync.stop();
				d.store.close();
			}
		}
	});
});

describe('reactions on several devices with flaky sync (model)', () => {
	let server: SyncServer;
	beforeAll(async () => {
		server = await startTestServer({ registry: testRegistry });
	});
	afterAll(async () => {
		await server.close();
	});

	const counts = [2, 3];
	for (const count of counts) {
		it(`${count} devices: every cause acts once or is visibly refused`, async () => {
			await fc.assert(
				fc.asyncProperty(scenario(count), async ({ actions }) => {
					const ws = await quickWorkspace(
						server,
						Array.from({ length: count }, (_, i) => `user${i}`)
					);
					const devices = Array.from({ length: count }, (_, i) => syncedDevice(i, server));
					try {
						for (const [i, d] of devices.entries()) {
							await d.sync.login(ws.logins[i]!);
							await d.runner.catchUp();
						}
						// A runner on each device playing each other device: a reaction run elsewhere.
						const replays = devices.map((d) =>
							devices.map((other) => d.runnerFor(other.deviceId, `replay:${other.deviceId}`))
						);
						for (const row of replays) for (const runner of row) await runner.catchUp();

						for (const action of actions) {
							const d = devices[action.device]!;
							switch (action.kind) {
								case 'change':
									await d.repository
										.execute(
											action.streamId,
											{ type: 'Increment', by: action.by },
											{
												userId: d.sync.session!.userId,
												deviceId: d.deviceId
											}
										)
										.catch((error) => {
											if (!isIllegalStateError(error)) throw error;
										});
									break;
								case 'react':
									await d.runner.catchUp();
									break;
								case 'crash':
									// The runner's place is lost: it runs everything again.
									await d.store.sync.writeSetting('reactions:checkpoint', 0);
									break;
								case 'replay':
									await replays[action.device]![action.of]!.catchUp();
									break;
								case 'sync': {
									d.net.plan = () => action.fault;
									await d.sync.syncNow().catch(() => undefined);
									d.net.plan = () => undefined;
									break;
								}
							}
						}
						// Everything settles: reactions run everywhere, sync over a reliable network,
						// round after round until one adds nothing to the server. A round can end with
						// a device's sync writing something new (a refused carry's note, written as its
						// rebase refuses it, pushed at once): the devices before it in that round have
						// not pulled it yet, and must get the chance.
						let settled = -1;
						for (let round = 0; round < 8; round++) {
							for (const d of devices) {
								await d.runner.catchUp();
								await d.sync.syncNow();
							}
							const head = (await serverLog.events(server, ws.tokens[0]!)).length;
							if (round >= 2 && head === settled) break;
							settled = head;
						}

						const onServer = await serverLog.events(server, ws.tokens[0]!);
						const commandsOnServer = new Map<string, number>();
						for (const event of onServer) {
							const id = event.metadata.commandId;
							commandsOnServer.set(id, (commandsOnServer.get(id) ?? 0) + 1);
						}
						// No command acted twice.
						expect([...commandsOnServer].filter(([, n]) => n > 1)).toEqual([]);

						const inboxes = await Promise.all(devices.map((d) => d.store.sync.conflicts()));
						const waitingCommands = await Promise.all(
							devices.map(
								async (d) =>
									new Set((await pendingEvents(d.store)).map((e) => e.metadata.commandId))
							)
						);
						const causes = onServer.filter((event) => SOURCES.includes(event.streamId as never));
						const carryEvents = onServer.filter((e) => e.streamId === 'counter-b1');
						const carries = new Set(carryEvents.map((e) => e.metadata.commandId));
						const notes = onServer
							.filter((e) => e.streamId === 'counter-c1')
							.map((e) => (e.data as { text: string }).text);
						const derived = new Set<string>();
						for (const cause of causes) {
							const id = await reactionCommandId(
								'carry',
								{ commandId: cause.metadata.commandId, type: 'Incremented', occurrence: 0 },
								0
							);
							derived.add(id);
							const origin = devices.findIndex((d) => d.deviceId === cause.metadata.deviceId);
							const refused = inboxes[origin]!.some((conflict) => conflict.commandId === id);
							// Or still on its way: pending behind another change the inbox holds back.
							const waiting = waitingCommands[origin]!.has(id);
							// Acted once, or visibly refused (in the inbox, noted by its compensation), or
							// waiting: exactly one of these.
							expect(
								[carries.has(id), refused, waiting].filter(Boolean),
								`cause ${cause.eventId}`
							).toEqual([true]);
							if (refused) expect(notes).toContain(`refused ${id}`);
							// And a carry comes after its cause on the server, never before it.
							for (const carry of carryEvents.filter((e) => e.metadata.commandId === id)) {
								expect(carry.position, `carry of ${cause.eventId}`).toBeGreaterThan(cause.position);
							}
						}
						// No carry without its cause on the server.
						for (const id of carries) expect(derived.has(id)).toBe(true);
						// A cause refused (in its device's inbox) took its carry with it: nowhere now.
						for (const [i, inbox] of inboxes.entries()) {
							for (const conflict of inbox) {
								if (conflict.command.reaction) continue;
								const id = await reactionCommandId(
									'carry',
									{ commandId: conflict.commandId, type: 'Incremented', occurrence: 0 },
									0
								);
								expect(carries.has(id), `device ${i}: carry of a refused cause`).toBe(false);
								for (const waiting of waitingCommands) expect(waiting.has(id)).toBe(false);
							}
						}
						// Every device holds the server's log, and nothing waits outside held streams.
						const rows = await serverLog(server, ws.tokens[0]!);
						for (const [i, d] of devices.entries()) {
							expect(await syncedLog(d.store), `device ${i}`).toEqual(rows);
							const held = await d.store.sync.heldStreams();
							const waiting = (await pendingEvents(d.store)).filter((e) => !held.has(e.streamId));
							expect(waiting).toEqual([]);
						}
					} finally {
						for (const d of devices) {
							d.sync.stop();
							d.store.close();
						}
					}
				}),
				{ numRuns: RUNS, seed: SEED, ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}) }
			);
		}, 120_000);
	}
});
