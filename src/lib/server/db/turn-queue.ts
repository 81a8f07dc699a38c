/**
 * Runs jobs one at a time, in the order they came, each on a turn of the event loop of its own.
 *
 * PGlite runs each query synchronously inside a promise chain: when one ends, the next waiting
 * query starts in the same microtask flush, so a queue of hundreds drains without the event loop
 * ever polling the network. Requests already queued were served; a new connection waited for
 * the whole queue to drain, again and again (issue 17: pushes on new connections waited 15 s
 * while others went through in 350 ms). A `setImmediate` between jobs lets the loop accept and
 * read sockets in between, so newcomers join the queue in the order they arrive.
 */
export class TurnQueue {
	#tail: Promise<unknown> = Promise.resolve();

	run<T>(job: () => Promise<T>): Promise<T> {
		const result = this.#tail.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(job);
		this.#tail = result.catch(() => {});
		return result;
	}
}
