import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SyncHttpError } from './sync-errors';
import { SyncSchedule } from './sync-schedule';

const BACKOFF = { baseMs: 1_000, maxMs: 2_000 };

/** A schedule whose rounds are settled by the test, one at a time. */
function scheduleOf() {
	const rounds: { resolve: (value: string) => void; reject: (error: unknown) => void }[] = [];
	const schedule = new SyncSchedule(
		() => new Promise<string>((resolve, reject) => rounds.push({ resolve, reject })),
		BACKOFF,
		() => 1
	);
	/** Leads, and runs a round that is under way until the test settles it. */
	const roundUnderWay = async () => {
		schedule.lead();
		schedule.plan(0);
		await vi.advanceTimersByTimeAsync(0);
		return rounds.at(-1)!;
	};
	/** Lets the rounds settle and the schedule plan the next. */
	const settle = () => vi.advanceTimersByTimeAsync(0);
	return { schedule, rounds, roundUnderWay, settle };
}

describe('SyncSchedule', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('never runs two rounds at once: a call meanwhile shares the round and one more follows', async () => {
		const { schedule, rounds } = scheduleOf();
		schedule.lead();
		const first = schedule.runNow();
		const second = schedule.runNow();
		expect(rounds).toHaveLength(1);
		rounds[0]!.resolve('synced');
		await expect(first).resolves.toBe('synced');
		await expect(second).resolves.toBe('synced');
		await vi.advanceTimersByTimeAsync(0);
		expect(rounds).toHaveLength(2);
	});

	it('plans rounds only while this tab leads', async () => {
		const { schedule, rounds } = scheduleOf();
		schedule.plan(0);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(rounds).toHaveLength(0);
		schedule.lead();
		schedule.plan(40, 'change');
		schedule.standDown();
		await vi.advanceTimersByTimeAsync(1_000);
		expect(rounds).toHaveLength(0);
		schedule.lead();
		schedule.plan(40, 'change');
		await vi.advanceTimersByTimeAsync(39);
		expect(rounds).toHaveLength(0);
		await vi.advanceTimersByTimeAsync(1);
		expect(rounds).toHaveLength(1);
	});

	it('retries a failed round with backoff, and a change meanwhile waits for that retry', async () => {
		const { schedule, rounds, roundUnderWay, settle } = scheduleOf();
		(await roundUnderWay()).reject(new Error('offline'));
		await settle();
		schedule.plan(40, 'change');
		await vi.advanceTimersByTimeAsync(999);
		expect(rounds).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(rounds).toHaveLength(2);
	});

	it('retries at once when poked while the failing round ran', async () => {
		const { schedule, rounds, roundUnderWay, settle } = scheduleOf();
		const failing = await roundUnderWay();
		schedule.plan(0);
		await settle();
		failing.reject(new Error('offline'));
		await settle();
		// The round asked for by the poke, then the retry at once: no backoff wait.
		expect(rounds).toHaveLength(2);
		// Unpoked, the next failure backs off: the second in a row waits the cap.
		rounds[1]!.reject(new Error('offline'));
		await vi.advanceTimersByTimeAsync(1_999);
		expect(rounds).toHaveLength(2);
		await vi.advanceTimersByTimeAsync(1);
		expect(rounds).toHaveLength(3);
	});

	it('waits as long as the server asks, even when poked', async () => {
		const { schedule, rounds, roundUnderWay, settle } = scheduleOf();
		(await roundUnderWay()).reject(new SyncHttpError(503, 'busy', 'Busy', undefined, 30_000));
		await settle();
		schedule.plan(0);
		await vi.advanceTimersByTimeAsync(29_999);
		expect(rounds).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(rounds).toHaveLength(2);
	});
});
