import { describe, expect, it } from 'vitest';
import { TurnQueue } from './turn-queue';

function busy(ms: number): void {
	const until = performance.now() + ms;
	while (performance.now() < until) {
		// Stands for a PGlite statement: synchronous work inside a promise.
	}
}

describe('TurnQueue', () => {
	it('runs jobs one at a time in the order they came, a failing one included', async () => {
		const queue = new TurnQueue();
		const order: string[] = [];
		const job = (name: string, fail = false) =>
			queue.run(async () => {
				order.push(`${name} start`);
				await new Promise((resolve) => setTimeout(resolve, 1));
				order.push(`${name} end`);
				if (fail) throw new Error(name);
				return name;
			});
		const results = await Promise.allSettled([job('a'), job('b', true), job('c')]);
		expect(order).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
		expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
	});

	it('lets the event loop run while a long queue of synchronous jobs drains', async () => {
		const queue = new TurnQueue();
		let done = 0;
		const jobs = Array.from({ length: 30 }, () =>
			queue.run(() => {
				busy(2);
				done++;
				return Promise.resolve();
			})
		);
		// A macrotask queued now (as a socket's data would be) runs long before the queue is empty.
		const seenAt = new Promise<number>((resolve) => setImmediate(() => resolve(done)));
		await Promise.all(jobs);
		expect(await seenAt).toBeLessThan(15);
	});
});
