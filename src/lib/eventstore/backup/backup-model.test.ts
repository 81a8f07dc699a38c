import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupRefusedError } from '../../errors';
import { databaseOf, dumpDatabase, StoreTracker } from '../testing';
import { FixtureServer, increment, logOf, redecide, totalsOf, WORKSPACE } from './backup-fixture';

// A backup restored is the log it was made of (DESIGN.md, "Data that outlives the browser"):
// random histories of own changes, pushes, others' changes pulled and refused commands are
// backed up, restored into a fresh log, restored twice, restored onto a device that pulled part
// of the same history, and damaged. A failure prints fast-check's seed; FC_SEED=<seed> replays it.

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;
const STREAMS = ['counter-1', 'counter-2', 'counter-3'];
const stores = new StoreTracker();
afterEach(() => stores.closeAll());

type Step =
	| { kind: 'own'; stream: number; by: number; fragile: boolean }
	| { kind: 'push'; count: number }
	| { kind: 'pull'; stream: number; by: number };

const step: fc.Arbitrary<Step> = fc.oneof(
	fc.record({
		kind: fc.constant('own' as const),
		stream: fc.nat(STREAMS.length - 1),
		by: fc.integer({ min: 1, max: 9 }),
		fragile: fc.boolean()
	}),
	fc.record({ kind: fc.constant('push' as const), count: fc.integer({ min: 1, max: 4 }) }),
	fc.record({
		kind: fc.constant('pull' as const),
		stream: fc.nat(STREAMS.length - 1),
		by: fc.integer({ min: 10, max: 90 })
	})
);

async function play(steps: readonly Step[]) {
	const store = stores.open();
	const server = new FixtureServer();
	for (const next of steps) {
		if (next.kind === 'own') {
			await increment(
				store,
				STREAMS[next.stream]!,
				next.by,
				next.fragile ? 'Fragile' : 'Increment'
			);
		} else if (next.kind === 'push') {
			await server.accept(store, next.count);
		} else {
			await server.pullOthers(store, STREAMS[next.stream]!, next.by);
		}
	}
	return { store, server };
}

const RUNS = { numRuns: 25, seed: SEED };

describe('a backup, restored (model)', () => {
	it('gives a fresh log the same log, folded state, inbox and pending commands; a second restore adds nothing', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
				const { store } = await play(steps);
				const { blob, header } = await store.backup.write({ workspace: WORKSPACE, device: 'd-1' });
				const fresh = stores.open();
				const outcome = await fresh.backup.restore(blob, { workspace: WORKSPACE, redecide });

				expect(outcome.added).toBe(header.counts.events);
				expect(await logOf(fresh)).toEqual(await logOf(store));
				expect(await totalsOf(fresh)).toEqual(await totalsOf(store));

				const once = await dumpDatabase(databaseOf(fresh));
				const again = await fresh.backup.restore(blob, { workspace: WORKSPACE, redecide });
				expect(again.added).toBe(0);
				expect(await dumpDatabase(databaseOf(fresh))).toBe(once);
				stores.closeAll();
			}),
			RUNS
		);
	});

	it('onto a device that pulled part of the same history, holds each event once', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(step, { maxLength: 25 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				async (steps, part) => {
					const { store } = await play(steps);
					const { blob } = await store.backup.write({ workspace: WORKSPACE, device: 'd-1' });
					// The other device pulled the first part of what the server had, others' and ours.
					const synced = (await store.readAll()).filter((event) => event.sync === 'synced');
					const pulled = synced.slice(0, Math.floor(synced.length * part));
					const other = stores.open();
					if (pulled.length > 0) {
						await other.sync.applyRemote(
							pulled.map(({ seq: _seq, sync: _sync, ...event }) => event as never),
							redecide
						);
					}
					await other.backup.restore(blob, { workspace: WORKSPACE, redecide });

					const ids = (await other.readAll()).map((event) => event.eventId);
					expect(new Set(ids).size).toBe(ids.length);
					expect((await logOf(other)).events).toEqual((await logOf(store)).events);
					expect(await totalsOf(other)).toEqual(await totalsOf(store));
					stores.closeAll();
				}
			),
			RUNS
		);
	});

	it('refuses a damaged file (a byte changed, or cut short) and changes nothing', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(step, { minLength: 1, maxLength: 15 }),
				fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
				fc.boolean(),
				async (steps, where, cut) => {
					const { store } = await play(steps);
					const { blob } = await store.backup.write({ workspace: WORKSPACE, device: 'd-1' });
					const bytes = new Uint8Array(await blob.arrayBuffer());
					const headerEnd = bytes.indexOf(0x0a) + 1;
					fc.pre(bytes.length > headerEnd + 1);
					// A changed last byte (the final line break) reads as a file cut short, which it may be.
					const at = headerEnd + Math.floor((bytes.length - headerEnd - (cut ? 0 : 1)) * where);
					// Cut right before the last line break, the file is whole: a missing last line
					// break is how many editors save it.
					fc.pre(!cut || at < bytes.length - 1);
					let damaged: Uint8Array;
					if (cut) {
						damaged = bytes.slice(0, at);
					} else {
						damaged = bytes.slice();
						damaged[at] = damaged[at] === 0x31 ? 0x32 : 0x31;
					}
					const fresh = stores.open();
					const before = await dumpDatabase(databaseOf(fresh));
					const refusal = await fresh.backup
						.restore(new Blob([damaged as BlobPart]), { workspace: WORKSPACE, redecide })
						.catch((error: unknown) => error);
					expect(refusal).toBeInstanceOf(BackupRefusedError);
					expect((refusal as BackupRefusedError).reason).toBe(cut ? 'truncated' : 'damaged');
					expect(await dumpDatabase(databaseOf(fresh))).toBe(before);
					stores.closeAll();
				}
			),
			RUNS
		);
	});
});
