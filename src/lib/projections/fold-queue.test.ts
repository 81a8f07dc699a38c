import { afterEach, describe, expect, it, vi } from 'vitest';
import { FoldQueue } from './fold-queue';

describe('FoldQueue', () => {
	afterEach(() => vi.restoreAllMocks());

	it('runs work one piece at a time, in the order queued', async () => {
		const queue = new FoldQueue('test');
		const log: string[] = [];
		const piece = (name: string, ms: number) => async () => {
			log.push(`${name} starts`);
			await new Promise((resolve) => setTimeout(resolve, ms));
			log.push(`${name} ends`);
		};
		await Promise.all([queue.run(piece('a', 20)), queue.run(piece('b', 0))]);
		expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends']);
	});

	it('reports a failure once, to its caller and the console, and runs the next piece', async () => {
		const report = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const queue = new FoldQueue('Read model list');
		const failed = queue.run(() => Promise.reject(new Error('closed')));
		let ran = false;
		const next = queue.run(() => {
			ran = true;
			return Promise.resolve();
		});
		await expect(failed).rejects.toThrow('closed');
		await next;
		expect(ran).toBe(true);
		expect(report).toHaveBeenCalledTimes(1);
		expect(report.mock.calls[0]![0]).toBe('Read model list');
	});

	it('leaves no unhandled rejection behind for work nobody awaits', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const unhandled = vi.fn();
		process.on('unhandledRejection', unhandled);
		try {
			const queue = new FoldQueue('test');
			queue.follow(() => Promise.reject(new Error('closed')));
			await queue.run(() => Promise.resolve());
			await new Promise((resolve) => setTimeout(resolve, 10));
			expect(unhandled).not.toHaveBeenCalled();
		} finally {
			process.off('unhandledRejection', unhandled);
		}
	});

	it('runs nothing after stop, and stop waits for the work under way', async () => {
		const queue = new FoldQueue('test');
		const log: string[] = [];
		let started: () => void = () => undefined;
		const underWay = new Promise<void>((resolve) => (started = resolve));
		void queue.run(async () => {
			started();
			await new Promise((resolve) => setTimeout(resolve, 10));
			log.push('under way');
		});
		const waiting = queue.run(() => {
			log.push('queued before stop');
			return Promise.resolve();
		});
		await underWay;
		const stopped = queue.stop();
		await queue.run(() => {
			log.push('after stop');
			return Promise.resolve();
		});
		await Promise.all([stopped, waiting]);
		expect(log).toEqual(['under way']);
	});
});
