import { describe, expect, it } from 'vitest';
import { delayAfter } from './growing-delay';

describe('delayAfter', () => {
	it('is free for the first failures, then doubles up to the cap', () => {
		const policy = { free: 2, firstMs: 1000, maxMs: 5000, forgetMs: 60_000 };
		expect([1, 2, 3, 4, 5, 6, 50].map((failures) => delayAfter(policy, failures))).toEqual([
			0, 0, 1000, 2000, 4000, 5000, 5000
		]);
	});
});
