import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Runs `work` while watching this process's event loop, and says how late its timers fired
 * (p99, ms; with `monitorEventLoopDelay`'s 5-ms sampling in it). A load generator whose loop
 * lags adds that lag to every latency it measures: reported beside them, it says whose the
 * latency is.
 */
export async function withLoopDelay<T>(
	work: () => Promise<T>
): Promise<{ result: T; p99Ms: number }> {
	const delay = monitorEventLoopDelay({ resolution: 5 });
	delay.enable();
	try {
		const result = await work();
		return { result, p99Ms: delay.percentile(99) / 1e6 };
	} finally {
		delay.disable();
	}
}
