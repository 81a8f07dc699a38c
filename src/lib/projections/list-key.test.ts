import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listKey } from './list-key';

// Rows sort by these keys as strings (IndexedDB compares code units, as `<` does): the list's
// own order, or its reverse, with ties broken by the record.

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
// No U+0000 or U+FFFF inside an order: the terminators.
const order = fc
	.string({ unit: 'grapheme', maxLength: 6 })
	.filter((text) => !text.includes('\u0000') && !text.includes('\uffff'));
const record = fc.string({ minLength: 1, maxLength: 4 }).filter((text) => !text.includes('\u0000'));

describe('listKey', () => {
	it('keeps the order of the values, ascending or descending, ties broken by the record', () => {
		fc.assert(
			fc.property(order, order, record, record, fc.boolean(), (a, b, ka, kb, descending) => {
				fc.pre(ka !== kb);
				const byKey = compare(listKey(a, ka, descending), listKey(b, kb, descending));
				const byValue = compare(a, b) * (descending ? -1 : 1);
				expect(byKey).toBe(byValue !== 0 ? byValue : compare(ka, kb));
			}),
			{ numRuns: 2_000 }
		);
	});

	it('puts a shorter value before one it starts, and after it when descending', () => {
		expect(listKey('ab', 'x', false) < listKey('abc', 'a', false)).toBe(true);
		expect(listKey('ab', 'x', true) > listKey('abc', 'a', true)).toBe(true);
	});
});
