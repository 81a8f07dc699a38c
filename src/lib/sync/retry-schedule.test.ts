import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, MAX_RETRY_AFTER_MS, RetrySchedule, retryDelay } from './retry-schedule';

describe('retryDelay', () => {
	it('never waits longer than 2 s, however long the server stays down', () => {
		for (const random of [0, 0.5, 0.999]) {
			for (let failures = 1; failures <= 50; failures++) {
				expect(retryDelay(failures, DEFAULT_RETRY, () => random)).toBeLessThanOrEqual(2_000);
			}
		}
	});

	it('never tries more than once every 1.5 s once the server has been down a moment', () => {
		for (let failures = 2; failures <= 50; failures++) {
			expect(retryDelay(failures, DEFAULT_RETRY, () => 0)).toBeGreaterThanOrEqual(1_500);
		}
		// A blip is tried again sooner.
		expect(retryDelay(1, DEFAULT_RETRY, () => 0)).toBe(750);
		expect(retryDelay(1, DEFAULT_RETRY, () => 0.999)).toBe(1_000);
	});

	it('spreads devices over the last quarter of each wait', () => {
		const delays = new Set([0, 0.25, 0.5, 0.75].map((r) => retryDelay(5, DEFAULT_RETRY, () => r)));
		expect([...delays]).toEqual([1_500, 1_625, 1_750, 1_875]);
	});
});

describe('RetrySchedule', () => {
	function schedule() {
		let now = 0;
		const retry = new RetrySchedule(
			DEFAULT_RETRY,
			() => 0.5,
			() => now
		);
		return { retry, advance: (ms: number) => (now += ms) };
	}

	it('backs off to the cap and starts afresh after a success', () => {
		const { retry } = schedule();
		expect([1, 2, 3, 4, 5].map(() => retry.failed())).toEqual([875, 1_750, 1_750, 1_750, 1_750]);
		expect(retry.failures).toBe(5);
		retry.succeeded();
		expect(retry.failures).toBe(0);
		expect(retry.failed()).toBe(875);
	});

	it('lets a poke through at once, unless the server asked for a pause', () => {
		const { retry, advance } = schedule();
		retry.failed();
		expect(retry.delayFor(0)).toBe(0);

		expect(retry.failed(30_000)).toBe(30_000);
		expect(retry.delayFor(0)).toBe(30_000);
		advance(29_000);
		expect(retry.delayFor(0)).toBe(1_000);
		expect(retry.delayFor(5_000)).toBe(5_000);
		advance(1_000);
		expect(retry.delayFor(0)).toBe(0);
	});

	it('takes an hour-long Retry-After as a few minutes', () => {
		const { retry } = schedule();
		expect(retry.failed(3_600_000)).toBe(MAX_RETRY_AFTER_MS);
		expect(retry.delayFor(0)).toBe(MAX_RETRY_AFTER_MS);
		retry.succeeded();
		expect(retry.delayFor(0)).toBe(0);
	});
});
