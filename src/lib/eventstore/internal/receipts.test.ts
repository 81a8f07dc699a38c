import { describe, expect, it } from 'vitest';
import { eachReceipt, receiptAt, receiptFor, receiptRuns, type Receipt } from './receipts';

const AT = '2026-11-25T10:00:00.000Z';
const single = (seq: number, position: number, recordedAt = AT, recordedBy = 'ada'): Receipt =>
	receiptFor(seq, { position, recordedAt, recordedBy });

describe('receipt runs', () => {
	it('join consecutive seqs with consecutive positions into one receipt', () => {
		const receipts = [10, 11, 12, 13].map((seq) => single(seq, seq + 90));
		expect(receiptRuns(receipts)).toEqual([{ ...single(10, 100), last: 13 }]);
	});

	it('break where the seqs, the positions, the time or the user do not run on', () => {
		const runs = receiptRuns([
			single(1, 50),
			single(2, 51),
			single(4, 52), // a seq skipped (another stream held back)
			single(5, 60), // a position skipped (another device wrote in between)
			single(6, 61, '2026-11-25T10:00:01.000Z'), // another push
			single(7, 62, '2026-11-25T10:00:01.000Z', 'grace')
		]);
		expect(runs).toEqual([
			{ ...single(1, 50), last: 2 },
			single(4, 52),
			single(5, 60),
			single(6, 61, '2026-11-25T10:00:01.000Z'),
			single(7, 62, '2026-11-25T10:00:01.000Z', 'grace')
		]);
	});

	it("give back each event's own receipt, and none outside the run", () => {
		const run = { ...single(10, 100), last: 12 };
		expect(receiptAt(run, 11)).toEqual(single(11, 101));
		expect(receiptAt(run, 9)).toBeUndefined();
		expect(receiptAt(run, 13)).toBeUndefined();
		expect(receiptAt(single(5, 7), 5)).toEqual(single(5, 7));
		expect(eachReceipt([run, single(20, 300)])).toEqual([
			single(10, 100),
			single(11, 101),
			single(12, 102),
			single(20, 300)
		]);
	});
});
