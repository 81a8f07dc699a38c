/** How far a pull of more than one page has come: `done` of `total` changes are on the device. */
export interface CatchUpProgress {
	done: number;
	total: number;
}

/**
 * Counts a pull's pages into progress. `done` is exact: the events this pull brought so far.
 * `total` adds what is left before the head the server reported. Positions are one sequence
 * for the whole server, so the positions between the cursor and the head are exactly the
 * workspace's remaining events when no other workspace wrote in between, and at most that
 * many otherwise: the total then comes down towards the truth as pages arrive. Either way
 * `done` only grows, never passes `total`, and meets it at the head.
 */
export class CatchUpCounter {
	#done = 0;

	/** A page of `received` events was applied; the cursor is now at `cursor`, the head at `head`. */
	page(received: number, cursor: number, head: number): CatchUpProgress {
		this.#done += received;
		return { done: this.#done, total: this.#done + Math.max(0, head - cursor) };
	}
}
