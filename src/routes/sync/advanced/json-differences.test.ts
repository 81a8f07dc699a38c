import { describe, expect, it } from 'vitest';
import { jsonDifferences } from './json-differences';

describe('jsonDifferences', () => {
	it('names the paths where two rows differ, and nothing where they agree', () => {
		const stored = {
			key: 'order-1',
			row: { order: { name: 'Olga', items: [{ q: 1 }, { q: 2 }] } }
		};
		const rebuilt = {
			key: 'order-1',
			row: { order: { name: 'Ola', items: [{ q: 1 }, { q: 3 }] } }
		};
		expect(jsonDifferences(stored, rebuilt)).toEqual([
			{ path: 'row.order.name', left: 'Olga', right: 'Ola' },
			{ path: 'row.order.items[1].q', left: 2, right: 3 }
		]);
		expect(jsonDifferences(stored, structuredClone(stored))).toEqual([]);
	});

	it('says which side lacks a field, and compares whole values when shapes differ', () => {
		expect(jsonDifferences({ a: 1 }, { a: 1, b: [] })).toEqual([{ path: 'b', right: [] }]);
		expect(jsonDifferences({ a: [1] }, { a: { 0: 1 } })).toEqual([
			{ path: 'a', left: [1], right: { 0: 1 } }
		]);
		expect(jsonDifferences(undefined, { a: 1 })).toEqual([
			{ path: '(the whole value)', right: { a: 1 } }
		]);
	});

	it('stops at the limit', () => {
		const left = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]));
		expect(jsonDifferences(left, {}, 5)).toHaveLength(5);
	});
});
