import { afterEach, describe, expect, it } from 'vitest';
import { VersionConflictError } from '../errors';
import type { EventRecord } from './internal/receipts';
import type { AppendResult, EventStore } from './event-store';
import { databaseOf, increment, StoreTracker, uniqueName } from './testing';

const stores = new StoreTracker();
afterEach(() => stores.closeAll());

/** The stream's rows straight from IndexedDB, checked to run 1..n with no gap and no duplicate. */
async function expectGaplessStream(store: EventStore, streamId: string, n: number) {
	const rows: EventRecord[] = await databaseOf(store).events.where({ streamId }).toArray();
	const versions = rows.map((row) => row.version).sort((a, b) => a - b);
	expect(versions).toEqual(Array.from({ length: n }, (_, i) => i + 1));
	expect(new Set(rows.map((row) => row.eventId)).size).toBe(n);
	const all = await databaseOf(store).events.toArray();
	expect(new Set(all.map((row) => row.eventId)).size).toBe(all.length);
	expect(new Set(all.map((row) => row.seq)).size).toBe(all.length);
	return rows;
}

describe('two tabs racing on one stream', () => {
	it('exactly one wins each version; the other gets VersionConflictError', async () => {
		const name = uniqueName();
		const tabs = [stores.open(name), stores.open(name)];
		const rounds = 50;
		const seen = [0, 0];
		const wins = [0, 0];
		for (let round = 0; round < rounds; round++) {
			const results = await Promise.allSettled(
				tabs.map((tab, i) =>
					tab.append('counter-1', [increment(1), increment(2)], { expectedVersion: seen[i]! })
				)
			);
			const won = results.filter((r): r is PromiseFulfilledResult<AppendResult> => {
				return r.status === 'fulfilled';
			});
			const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
			expect(won).toHaveLength(1);
			expect(lost).toHaveLength(1);
			expect(won[0]!.value.version).toBe(2 * round + 2);
			expect(won[0]!.value.events.map((event) => event.version)).toEqual([
				2 * round + 1,
				2 * round + 2
			]);
			const error: unknown = lost[0]!.reason;
			expect(error).toBeInstanceOf(VersionConflictError);
			expect(error).toMatchObject({
				streamId: 'counter-1',
				expectedVersion: 2 * round,
				actualVersion: 2 * round + 2
			});
			wins[results.indexOf(won[0]!)]!++;
			// Each tab reads the head before the next round, as a UI would after a change.
			for (const [i, tab] of tabs.entries()) seen[i] = await tab.streamVersion('counter-1');
			expect(seen).toEqual([2 * round + 2, 2 * round + 2]);
		}
		expect(wins[0]! + wins[1]!).toBe(rounds);
		await expectGaplessStream(tabs[0]!, 'counter-1', 2 * rounds);
		const [a, b] = await Promise.all(tabs.map((tab) => tab.readStream('counter-1')));
		expect(a).toEqual(b);
	});

	it('with five contenders and a number, exactly one wins each round', async () => {
		const name = uniqueName();
		const tabs = Array.from({ length: 5 }, () => stores.open(name));
		const rounds = 20;
		for (let round = 0; round < rounds; round++) {
			const results = await Promise.allSettled(
				tabs.map((tab) => tab.append('counter-1', [increment()], { expectedVersion: round }))
			);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			for (const result of results) {
				if (result.status === 'rejected') {
					expect(result.reason).toBeInstanceOf(VersionConflictError);
					expect(result.reason).toMatchObject({ actualVersion: round + 1 });
				}
			}
		}
		await expectGaplessStream(tabs[0]!, 'counter-1', rounds);
	});

	it("with five contenders and 'any', everyone wins and no version is lost or doubled", async () => {
		const name = uniqueName();
		const tabs = Array.from({ length: 5 }, () => stores.open(name));
		const appendsPerTab = 15;
		const results = (
			await Promise.all(
				tabs.map(async (tab) => {
					const mine: AppendResult[] = [];
					for (let i = 0; i < appendsPerTab; i++) {
						mine.push(
							await tab.append('counter-1', [increment(1), increment(2), increment(3)], {
								expectedVersion: 'any'
							})
						);
					}
					return mine;
				})
			)
		).flat();
		const n = tabs.length * appendsPerTab * 3;
		const rows = await expectGaplessStream(tabs[0]!, 'counter-1', n);

		// Each batch kept its versions together and in order.
		const reported = results.flatMap((result) => result.events.map((event) => event.version));
		expect(reported.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
		for (const result of results) {
			const [first] = result.events;
			expect(result.events.map((event) => event.version)).toEqual([
				first!.version,
				first!.version + 1,
				first!.version + 2
			]);
			expect(result.version).toBe(first!.version + 2);
		}
		// Versions grow with seq: the log order agrees with the stream order.
		const bySeq = [...rows].sort((a, b) => a.seq - b.seq).map((row) => row.version);
		expect(bySeq).toEqual(Array.from({ length: n }, (_, i) => i + 1));
		expect(await tabs[4]!.streamVersion('counter-1')).toBe(n);
	});

	it('racing on different streams, nobody conflicts', async () => {
		const name = uniqueName();
		const tabs = [stores.open(name), stores.open(name)];
		for (let round = 0; round < 10; round++) {
			await Promise.all(
				tabs.map((tab, i) => tab.append(`counter-${i}`, [increment()], { expectedVersion: round }))
			);
		}
		await expectGaplessStream(tabs[0]!, 'counter-0', 10);
		await expectGaplessStream(tabs[1]!, 'counter-1', 10);
	});
});
