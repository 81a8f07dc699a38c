import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventStore, RemoteEvent, StoredCommand } from '../../src/lib/eventstore';
import { metadata, OCCURRED_AT, StoreTracker } from '../../src/lib/eventstore/testing';
import { ProjectionRunner } from '../../src/lib/projections';
import { counterAggregate, counterList } from '../../src/lib/testing';
import { createCommandRebaser } from '../../src/lib/undo';

// Property: a catch-up applied in large pages leaves the device exactly as applying the same
// remote events one at a time does: the same log, the same pending commands, the same conflicts
// (reason and who caused them) and the same cursor, with this device's own pending commands
// on those streams, some of them already accepted by the server (their answer lost), some
// landing behind others' changes and decided again, some no longer fitting.

// PULL_PAGES_RUNS=2000 for a longer hunt; a failure prints fast-check's seed and path.
const RUNS = Number(process.env.PULL_PAGES_RUNS ?? 60);

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

const { redecide } = createCommandRebaser([counterAggregate()]);
const now = () => new Date(OCCURRED_AT);
const STREAMS = ['counter-1', 'counter-2', 'counter-3'] as const;

/** What others did on a stream, as the server has it after ours. */
const othersEvent = fc.oneof(
	{
		weight: 5,
		arbitrary: fc.integer({ min: 1, max: 600 }).map((by) => ['Incremented', { by }] as const)
	},
	{ weight: 1, arbitrary: fc.constant(['Reset', {}] as const) },
	{ weight: 1, arbitrary: fc.constant(['Closed', {}] as const) }
);

const streamScenario = fc.record({
	// This device's pending increments on the stream, versions 1…n.
	pending: fc.array(fc.integer({ min: 1, max: 600 }), { maxLength: 4 }),
	// How many of them the server accepted before the others wrote (their answers were lost).
	accepted: fc.nat({ max: 4 }),
	others: fc.array(othersEvent, { maxLength: 6 })
});

const scenario = fc.record({
	streams: fc.tuple(streamScenario, streamScenario, streamScenario),
	// The order the server interleaves the streams in: a stream index per remote event.
	interleaving: fc.array(fc.nat({ max: 2 }), { minLength: 30, maxLength: 30 }),
	// Where the pages end, as fractions of the remote log.
	cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 })
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

interface Local {
	streamId: string;
	version: number;
	by: number;
	commandId: string;
	eventId: string;
}

/** The device's pending commands, the same on every store this scenario opens. */
function localCommands(s: Scenario): Local[] {
	return s.streams.flatMap(({ pending }, index) =>
		pending.map((by, at) => ({
			streamId: STREAMS[index]!,
			version: at + 1,
			by,
			commandId: `c-${index}-${at}`,
			eventId: `own-${index}-${at}`
		}))
	);
}

async function deviceWithPending(locals: readonly Local[]): Promise<EventStore> {
	const store = stores.open();
	for (const local of locals) {
		const command: Omit<StoredCommand, 'eventIds' | 'streamId'> = {
			commandId: local.commandId,
			command: { type: 'Increment', by: local.by },
			correlationId: local.commandId,
			userId: 'user-1',
			deviceId: 'device-1',
			issuedAt: OCCURRED_AT,
			decidedAtVersion: local.version - 1
		};
		await store.append(
			local.streamId,
			[
				{
					eventId: local.eventId,
					type: 'Incremented',
					data: { by: local.by },
					metadata: metadata({ commandId: local.commandId })
				}
			],
			{ expectedVersion: local.version - 1, command }
		);
	}
	return store;
}

/** The server's log: per stream our accepted events, then others'; streams interleaved. */
function remoteLog(s: Scenario, locals: readonly Local[]): RemoteEvent[] {
	const perStream = s.streams.map(({ accepted, others }, index) => {
		const streamId = STREAMS[index]!;
		const ours = locals
			.filter((local) => local.streamId === streamId)
			.slice(0, accepted)
			.map((local) => ({
				eventId: local.eventId,
				streamId,
				type: 'Incremented',
				data: { by: local.by },
				metadata: metadata({ commandId: local.commandId }),
				recordedBy: 'user-1'
			}));
		const theirs = others.map(([type, data], at) => ({
			eventId: `theirs-${index}-${at}`,
			streamId,
			type,
			data,
			metadata: metadata({ userId: 'user-2', deviceId: 'device-2' }),
			recordedBy: 'user-2'
		}));
		return [...ours, ...theirs];
	});
	const log: RemoteEvent[] = [];
	const next = [0, 0, 0];
	const emit = (index: number) => {
		const event = perStream[index]![next[index]!++];
		if (!event) return;
		log.push({
			...event,
			version: next[index]!,
			schemaVersion: 1,
			position: log.length + 1,
			recordedAt: `2024-05-01T10:00:${String(log.length).padStart(2, '0')}.000Z`
		});
	};
	for (const index of s.interleaving) emit(index);
	for (let index = 0; index < 3; index++)
		while (next[index]! < perStream[index]!.length) emit(index);
	return log;
}

function pagesOf<T>(log: readonly T[], cuts: readonly number[]): T[][] {
	const ends = [...new Set(cuts.map((cut) => Math.round(cut * log.length)))]
		.filter((end) => end > 0 && end < log.length)
		.sort((a, b) => a - b);
	const pages: T[][] = [];
	let start = 0;
	for (const end of [...ends, log.length]) {
		pages.push(log.slice(start, end));
		start = end;
	}
	return pages.filter((page) => page.length > 0);
}

/** What a person could see of the device: its log, pending work, inbox and cursor. */
async function stateOf(store: EventStore) {
	const streams = await Promise.all(
		STREAMS.map(async (streamId) =>
			(await store.readStream(streamId)).map((event) => ({
				version: event.version,
				type: event.type,
				data: event.data,
				sync: event.sync,
				commandId: event.metadata.commandId,
				// Rebased events get new ids; everything else keeps its own.
				...(event.sync === 'synced' ? { eventId: event.eventId } : {})
			}))
		)
	);
	const conflicts = (await store.sync.conflicts())
		.map(({ commandId, streamId, reason, causedBy }) => ({ commandId, streamId, reason, causedBy }))
		.sort((a, b) => a.commandId.localeCompare(b.commandId));
	return {
		streams,
		pending: await store.pendingCount(),
		conflicts,
		position: await store.sync.remotePosition()
	};
}

describe('catch-up in pages', () => {
	it('leaves the device as applying the same events one at a time does', async () => {
		await fc.assert(
			fc.asyncProperty(scenario, async (s) => {
				const locals = localCommands(s);
				const log = remoteLog(s, locals);
				const paged = await deviceWithPending(locals);
				const single = await deviceWithPending(locals);
				// A list open meanwhile folds each page as the change feed hands it over.
				const list = new ProjectionRunner(paged, counterList, () => undefined);
				await list.start();
				for (const page of pagesOf(log, s.cuts)) await paged.sync.applyRemote(page, redecide, now);
				for (const event of log) await single.sync.applyRemote([event], redecide, now);
				expect(await stateOf(paged)).toEqual(await stateOf(single));

				await list.settled();
				const folded = new ProjectionRunner(single, counterList, () => undefined);
				await folded.start();
				expect(new Map(list.rows)).toEqual(new Map(folded.rows));
				await list.stop();
				await folded.stop();
				stores.closeAll();
			}),
			{ numRuns: RUNS }
		);
	}, 120_000);
});
