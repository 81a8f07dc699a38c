import { UnavailableError } from '../errors';

/**
 * At most `running` scrypt hashes at once, and `waiting` more in line; past that the server is
 * busy (503 with Retry-After). Each hash holds 32 MiB and a thread of libuv's pool of 4, which
 * file and DNS work share: a burst of sign-ins from many addresses (each within its own limits)
 * must not take all of them, nor pile up memory without bound.
 */
export class ScryptSlots {
	#running = 0;
	readonly #queue: (() => void)[] = [];

	constructor(
		readonly running = 2,
		readonly waiting = 64
	) {}

	async run<T>(work: () => Promise<T>): Promise<T> {
		if (this.#running >= this.running) {
			if (this.#queue.length >= this.waiting) {
				throw new UnavailableError('The server is busy checking passwords; try again shortly.', 1);
			}
			await new Promise<void>((resolve) => this.#queue.push(resolve));
		} else {
			this.#running++;
		}
		try {
			return await work();
		} finally {
			// Hand the slot straight to the next in line, or free it.
			const next = this.#queue.shift();
			if (next) next();
			else this.#running--;
		}
	}
}
