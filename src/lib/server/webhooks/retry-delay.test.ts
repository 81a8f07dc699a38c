import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './retry-delay';

const settings = { retryBaseMs: 100, retryCapMs: 1_000 };

describe('retryDelayMs', () => {
	it('doubles per failure, between half and all of the doubled base', () => {
		expect([1, 2, 3].map((failures) => retryDelayMs(failures, settings, () => 0))).toEqual([
			50, 100, 200
		]);
		expect([1, 2, 3].map((failures) => retryDelayMs(failures, settings, () => 1))).toEqual([
			100, 200, 400
		]);
	});

	it('never waits longer than the cap, however many failures', () => {
		for (const failures of [5, 10, 50, 1000]) {
			expect(retryDelayMs(failures, settings, () => 1)).toBe(1_000);
			expect(retryDelayMs(failures, settings, () => 0)).toBe(500);
		}
	});
});
