import { describe, expect, it } from 'vitest';
import { prefixOfOrdinal } from './prefix-of-ordinal';

describe('prefixOfOrdinal', () => {
	it('counts A … Z, then AA … ZZ, then AAA, with no prefix given twice', () => {
		expect([1, 2, 26, 27, 28, 52, 53, 702, 703].map(prefixOfOrdinal)).toEqual([
			'A',
			'B',
			'Z',
			'AA',
			'AB',
			'AZ',
			'BA',
			'ZZ',
			'AAA'
		]);
		const prefixes = Array.from({ length: 2000 }, (_, index) => prefixOfOrdinal(index + 1));
		expect(new Set(prefixes).size).toBe(prefixes.length);
	});

	it('has no prefix for zero or less', () => {
		expect(() => prefixOfOrdinal(0)).toThrow(RangeError);
	});
});
