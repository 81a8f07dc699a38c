import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { migrate } from '../db/migrations';
import { RateLimitedError } from '../errors';
import { testBackends } from '../testing';
import { ThrottleTable } from '../throttle/throttle-table';
import { RateLimiter } from './rate-limiter';

async function refusal(work: Promise<void>): Promise<RateLimitedError> {
	const error = await work.then(
		() => undefined,
		(error: unknown) => error
	);
	expect(error).toBeInstanceOf(RateLimitedError);
	return error as RateLimitedError;
}

describe.each(testBackends())('RateLimiter on $kind', (backend) => {
	let db: Database;
	beforeAll(async () => {
		db = await backend.open();
		await migrate(db);
	}, 60_000);
	afterAll(async () => {
		await db?.close();
	});

	it('allows a burst, refuses with the seconds to wait, and refills over time', async () => {
		const limiter = new RateLimiter(new ThrottleTable(db), { requests: 2, windowMs: 60_000 });
		const key = `k-${crypto.randomUUID()}`;
		let now = 1_000_000;
		await limiter.take(key, now);
		await limiter.take(key, now);
		expect((await refusal(limiter.take(key, now))).retryAfterSeconds).toBe(30);
		await limiter.take(`other-${key}`, now);
		now += 29_000;
		expect((await refusal(limiter.take(key, now))).retryAfterSeconds).toBe(1);
		now += 1_000;
		await limiter.take(key, now);
		await refusal(limiter.take(key, now));
	});

	it('refills a long-idle bucket only up to its burst, never beyond', async () => {
		const limiter = new RateLimiter(new ThrottleTable(db), { requests: 3, windowMs: 60_000 });
		const key = `cap-${crypto.randomUUID()}`;
		const start = 2_000_000;
		await limiter.take(key, start);
		// Ten windows pass: the bucket holds its burst of 3 again, not the 30 requests' worth of time.
		const later = start + 10 * 60_000;
		await limiter.take(key, later);
		await limiter.take(key, later);
		await limiter.take(key, later);
		expect((await refusal(limiter.take(key, later))).retryAfterSeconds).toBe(20);
	});

	it('takes no more than a lease from a full bucket: the rest stays for other processes', async () => {
		const limit = { requests: 3, windowMs: 60_000 };
		const a = new RateLimiter(new ThrottleTable(db), limit);
		const b = new RateLimiter(new ThrottleTable(db), limit);
		const key = `lease-cap-${crypto.randomUUID()}`;
		await a.take(key, 3_000_000);
		// A window later the bucket is full: a takes one request of it (its lease), not all three.
		const later = 3_000_000 + 60_000;
		await a.take(key, later);
		await b.take(key, later);
		await b.take(key, later);
		await refusal(b.take(key, later));
	});

	it('a prune keeps the rows of buckets still refilling: their limit holds after it', async () => {
		const table = new ThrottleTable(db);
		// A ten-minute window: the emptied bucket is still refilling when the minute's prune comes.
		const limiter = new RateLimiter(table, { requests: 2, windowMs: 600_000 });
		const key = `kept-${crypto.randomUUID()}`;
		const rows = async () =>
			(await db.query(`SELECT 1 FROM throttles WHERE key = $1::text`, [key])).length;
		const start = 11_000_000;
		await limiter.take(key, start);
		await limiter.take(key, start);
		// A minute on, another key's request prunes: the emptied bucket's row stays.
		await limiter.take(`other-${key}`, start + 60_000);
		expect(await rows()).toBe(1);
		expect((await refusal(limiter.take(key, start + 60_000))).retryAfterSeconds).toBe(240);
	});

	it('is one bucket for two limiters on the same table: as two server processes share it', async () => {
		const limit = { requests: 3, windowMs: 60_000 };
		const a = new RateLimiter(new ThrottleTable(db), limit);
		const b = new RateLimiter(new ThrottleTable(db), limit);
		const key = `k-${crypto.randomUUID()}`;
		const outcomes = await Promise.allSettled(
			[a, b, a, b, a, b].map((limiter) => limiter.take(key, 5_000_000))
		);
		expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
	});

	it('spends one lease on requests that arrive together, instead of each taking one and losing the rest', async () => {
		const limit = { requests: 200, windowMs: 60_000 };
		const limiter = new RateLimiter(new ThrottleTable(db), limit);
		const key = `together-${crypto.randomUUID()}`;
		const now = 8_000_000;
		const outcomes = await Promise.allSettled(
			Array.from({ length: 250 }, () => limiter.take(key, now))
		);
		// The whole burst, every one of its requests, and not one more.
		expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(200);
		for (const outcome of outcomes) {
			if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(RateLimitedError);
		}
	});

	it('takes a lease of 1% of a large burst at once and spends it in the process', async () => {
		const limit = { requests: 200, windowMs: 60_000 };
		const a = new RateLimiter(new ThrottleTable(db), limit);
		const b = new RateLimiter(new ThrottleTable(db), limit);
		const key = `lease-${crypto.randomUUID()}`;
		const now = 7_000_000;
		await a.take(key, now);
		let fromB = 0;
		for (;;) {
			try {
				await b.take(key, now);
				fromB++;
			} catch (error) {
				expect(error).toBeInstanceOf(RateLimitedError);
				break;
			}
		}
		// a took two from the shared bucket and spent one; its second is still its own.
		expect(fromB).toBe(198);
		await a.take(key, now);
		await refusal(a.take(key, now));
		// The bucket refills for everyone.
		await b.take(key, now + 300);
	});

	it('prunes rows whose bucket is full again, at most once a minute per process', async () => {
		const table = new ThrottleTable(db);
		const limiter = new RateLimiter(table, { requests: 10, windowMs: 10_000 });
		const key = `prune-${crypto.randomUUID()}`;
		const rows = async () =>
			(await db.query(`SELECT 1 FROM throttles WHERE key = $1::text`, [key])).length;
		const start = 9_000_000;
		await limiter.take(key, start);
		expect(await rows()).toBe(1);
		await limiter.take(`other-${key}`, start + 30_000);
		// Its bucket refilled after 1 s, but this process pruned less than a minute ago.
		expect(await rows()).toBe(1);
		await limiter.take(`other-${key}`, start + 60_000);
		expect(await rows()).toBe(0);
	});
});
