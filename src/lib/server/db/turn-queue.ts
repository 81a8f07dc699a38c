/** How long jobs may run back to back before the event loop gets a turn. */
const SLICE_MS = 10;

/**
 * Runs jobs one at a time, in the order they came, and gives the event loop a turn at least
 * every `SLICE_MS` of them.
 *
 * PGlite runs each query synchronously inside a promise chain: when one ends, the next waiting
 * query starts in the same microtask flush, so a queue of hundreds drains without the event loop
 * ever polling the network. Requests already queued were served; a new connection waited for
 * the whole queue to drain, again and again (issue 17: pushes on new connections waited 15 s
 * while others went through in 350 ms). A `setImmediate` lets the loop accept and read sockets,
 * so newcomers join the queue in the order they arrive. One per job halved the throughput (the
 * database idles while the loop turns), hence a slice.
 */
export class TurnQueue {
	#tail: Promise<unknown> = Promise.resolve();
	#turnAt = performance.now();

	run<T>(job: () => Promise<T>): Promise<T> {
		const result = this.#tail.then(() => this.#maybeYield()).then(job);
		this.#tail = result.catch(() => {});
		return result;
	}

	async #maybeYield(): Promise<void> {
		if (performance.now() - this.#turnAt < SLICE_MS) return;
		await new Promise<void>((resolve) => setImmediate(resolve));
		this.#turnAt = performance.now();
	}
}
