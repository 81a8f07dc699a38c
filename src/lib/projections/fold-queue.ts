/**
 * A runner's work, one piece at a time and in order: folds of one projection must never
 * interleave. A failure is reported once, under the runner's name, and the next piece still
 * runs; work nobody awaits (`follow`) goes no further than that report, so a database closed
 * under a runner never leaves an unhandled rejection behind.
 */
export class FoldQueue {
	#tail: Promise<void> = Promise.resolve();
	#stopped = false;

	constructor(
		private readonly name: string,
		/** Told of each failure too, after the console: a runner shows it to its readers. */
		private readonly onFailure: (error: unknown) => void = () => undefined
	) {}

	/** Runs `work` after everything queued before it; once stopped, it is skipped. */
	run(work: () => Promise<void>): Promise<void> {
		const run = this.#tail.then(() => (this.#stopped ? undefined : work()));
		this.#tail = run.catch((error: unknown) => {
			console.error(this.name, error);
			this.onFailure(error);
		});
		return run;
	}

	/** Queues work nobody awaits (a followed commit, a delayed save). */
	follow(work: () => Promise<void>): void {
		this.run(work).catch(() => undefined);
	}

	/** Runs nothing more (work queued but not begun is dropped); resolves once the work under way has ended. */
	stop(): Promise<void> {
		this.#stopped = true;
		return this.#tail;
	}
}
