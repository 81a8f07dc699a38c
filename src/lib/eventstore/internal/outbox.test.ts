import { describe, expect, it } from 'vitest';
import {
	countPending,
	entryFor,
	isPending,
	overlaps,
	pendingRanges,
	remainder,
	type OutboxEntry
} from './outbox';

const run = (seq: number, last: number, streamId = 'order-1'): OutboxEntry => ({
	seq,
	last,
	streamId
});

describe('outbox entries', () => {
	it('cover the events of one append, first seq to last', () => {
		const records = [4, 5, 6].map((seq) => ({ seq, streamId: 'order-1' }));
		expect(entryFor(records)).toEqual(run(4, 6));
	});

	it('count and find the pending seqs, and nothing between runs', () => {
		const entries = [run(1, 3), run(7, 7, 'order-2'), run(10, 14)];
		expect(countPending(entries)).toBe(9);
		expect([0, 1, 3, 4, 6, 7, 8, 9, 10, 14, 15].map((seq) => isPending(entries, seq))).toEqual([
			false,
			true,
			true,
			false,
			false,
			true,
			false,
			false,
			true,
			true,
			false
		]);
		expect(isPending([], 1)).toBe(false);
	});

	it('lose what was removed, split around a hole, and vanish when emptied', () => {
		expect(remainder(run(10, 14), new Set([10, 11]))).toEqual([run(12, 14)]);
		expect(remainder(run(10, 14), new Set([14]))).toEqual([run(10, 13)]);
		expect(remainder(run(10, 14), new Set([12]))).toEqual([run(10, 11), run(13, 14)]);
		expect(remainder(run(10, 14), new Set([9, 10, 11, 12, 13, 14, 15]))).toEqual([]);
		expect(remainder(run(10, 14), new Set([3]))).toEqual([run(10, 14)]);
		expect(overlaps(run(10, 14), new Set([3, 15]))).toBe(false);
		expect(overlaps(run(10, 14), new Set([3, 14]))).toBe(true);
	});

	it('give the ranges to read after a seq, without held streams, adjacent runs merged', () => {
		const entries = [run(1, 3), run(4, 6, 'order-2'), run(7, 8, 'order-3'), run(12, 15)];
		expect(pendingRanges(entries, 0)).toEqual([
			[1, 8],
			[12, 15]
		]);
		expect(pendingRanges(entries, 2)).toEqual([
			[3, 8],
			[12, 15]
		]);
		expect(pendingRanges(entries, 0, new Set(['order-2']))).toEqual([
			[1, 3],
			[7, 8],
			[12, 15]
		]);
		expect(pendingRanges(entries, 15)).toEqual([]);
	});
});
