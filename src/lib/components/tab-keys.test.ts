import { describe, expect, it } from 'vitest';
import { tabAfterKey } from './tab-keys';

describe('tabAfterKey', () => {
	it('steps right and left, wrapping at the ends', () => {
		expect(tabAfterKey('ArrowRight', 0, 3)).toBe(1);
		expect(tabAfterKey('ArrowRight', 2, 3)).toBe(0);
		expect(tabAfterKey('ArrowLeft', 1, 3)).toBe(0);
		expect(tabAfterKey('ArrowLeft', 0, 3)).toBe(2);
	});

	it('goes to the first and the last with Home and End', () => {
		expect(tabAfterKey('Home', 2, 3)).toBe(0);
		expect(tabAfterKey('End', 0, 3)).toBe(2);
	});

	it('leaves other keys, and an empty list, alone', () => {
		expect(tabAfterKey('ArrowDown', 0, 3)).toBeUndefined();
		expect(tabAfterKey('Enter', 0, 3)).toBeUndefined();
		expect(tabAfterKey('ArrowRight', 0, 0)).toBeUndefined();
	});
});
