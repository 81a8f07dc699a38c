/**
 * Identical reads that are waiting to begin at the same time run once and share the rows.
 *
 * Under load, a push pokes every live stream of its workspace, and the devices that were
 * caught up all pull the same page at once: the same statement with the same parameters, many
 * times over, each waiting its turn for the database. A read that joins one still waiting was
 * asked for before that one begins, so the statement's snapshot is taken after every sharer
 * asked: each gets an answer at least as new as its own would have been. A read that comes once
 * the statement has begun never joins it (it might miss a commit it already knows of); it waits
 * for a statement of its own.
 *
 * Only for reads, and only where every sharer may see the rows (the key names the workspace).
 * The rows are shared: no caller may change them.
 */
export class SharedReads {
	/** Reads not yet begun, by key; an entry leaves as its statement begins. */
	readonly #waiting = new Map<string, { read?: Promise<unknown> }>();

	/**
	 * The rows of the read named `key`: a waiting one's, or a new one that `schedule` queues. It
	 * calls `begin` right before the statement goes to the database.
	 */
	run<T>(key: string, schedule: (begin: () => void) => Promise<T>): Promise<T> {
		const waiting = this.#waiting.get(key)?.read;
		if (waiting) return waiting as Promise<T>;
		const entry: { read?: Promise<T> } = {};
		const forget = () => {
			if (this.#waiting.get(key) === entry) this.#waiting.delete(key);
		};
		this.#waiting.set(key, entry);
		try {
			entry.read = schedule(forget);
		} catch (error) {
			forget();
			throw error;
		}
		// A read that fails before it began (no connection) must not keep its key.
		entry.read.then(forget, forget);
		return entry.read;
	}
}

/** The key of a statement with its parameters. */
export function readKey(text: string, params: readonly unknown[]): string {
	return `${text}\u0000${JSON.stringify(params)}`;
}
