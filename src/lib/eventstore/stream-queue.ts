/**
 * The tab's commands, one stream at a time (DESIGN.md, invariant 7). Work on a stream starts
 * when the stream's earlier work has settled, so each command decides on the state the one
 * before it left: ten quick clicks are ten changes, none refused as a version conflict. Work on
 * different streams runs side by side.
 *
 * Work carrying a command id that is already queued or running is not queued again: the
 * caller gets the first run's promise, so a double-click is one change even before the first
 * has reached the log (once it has, the log itself answers; see `AggregateRepository.execute`).
 */
export class StreamQueue {
	readonly #tails = new Map<string, Promise<unknown>>();
	readonly #running = new Map<string, Promise<unknown>>();

	/**
	 * Runs `work` after every earlier work on `streamId` has settled. Never call `run` for the
	 * same stream from inside `work`: it would wait for itself.
	 */
	run<T>(streamId: string, work: () => Promise<T>, commandId?: string): Promise<T> {
		// Keyed by stream too: the same id on another record is that record's own mistake to refuse.
		const key = commandId === undefined ? undefined : `${streamId}\u0000${commandId}`;
		if (key !== undefined) {
			const running = this.#running.get(key);
			if (running) return running as Promise<T>;
		}
		const previous = this.#tails.get(streamId) ?? Promise.resolve();
		// A failed command must not stop the ones after it: each waits for the previous to settle.
		const result = previous.then(work, work);
		const tail = result.then(
			() => undefined,
			() => undefined
		);
		this.#tails.set(streamId, tail);
		void tail.then(() => {
			// The last one out leaves no entry behind, so the map holds only busy streams.
			if (this.#tails.get(streamId) === tail) this.#tails.delete(streamId);
		});
		if (key !== undefined) {
			this.#running.set(key, result);
			// Registered before the caller can await `result`, so the id is free again by the time
			// the caller goes on (a caller that runs the same id again finds it in the log instead).
			const forget = () => {
				if (this.#running.get(key) === result) this.#running.delete(key);
			};
			result.then(forget, forget);
		}
		return result;
	}
}
