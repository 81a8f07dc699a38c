import { RetrySchedule, type BackoffOptions } from './retry-schedule';
import { SyncHttpError } from './sync-errors';

/** Why a round is wanted: a poke (live head, online, focus) or a change made on the device. */
export type RoundCause = 'poke' | 'change';

/**
 * When the rounds run: never two at once, only in the leading tab when planned, and after a
 * failure again with backoff (`retry-schedule.ts`), or at once if poked meanwhile.
 */
export class SyncSchedule<Outcome> {
	readonly #round: () => Promise<Outcome>;
	readonly #retry: RetrySchedule;
	#leading = false;
	#running: Promise<Outcome> | undefined;
	#again = false;
	#timer: ReturnType<typeof setTimeout> | undefined;
	/** A poke came while a round ran: if that round fails, retry at once. */
	#poked = false;

	constructor(round: () => Promise<Outcome>, backoff: BackoffOptions, random: () => number) {
		this.#round = round;
		this.#retry = new RetrySchedule(backoff, random);
	}

	get leading(): boolean {
		return this.#leading;
	}

	/** This tab leads (`leader.ts`): planned rounds run here. */
	lead(): void {
		this.#leading = true;
	}

	/** Another tab leads now: nothing planned runs here. */
	standDown(): void {
		this.#leading = false;
		this.cancel();
	}

	cancel(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
	}

	/** A round now; one under way runs once more when it ends, and both are answered by it. */
	runNow(): Promise<Outcome> {
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = this.#round().finally(() => {
			this.#running = undefined;
			if (this.#again) {
				this.#again = false;
				this.plan(0);
			}
		});
		return this.#running;
	}

	/**
	 * Runs a round after `delayMs`, or as soon after as a server's `Retry-After` allows. A local
	 * change while rounds are failing waits for the retry already planned: it goes with it,
	 * and typing during an outage does not turn into requests.
	 */
	plan(delayMs: number, cause: RoundCause = 'poke'): void {
		if (!this.#leading) return;
		if (cause === 'change' && this.#retry.failures > 0 && this.#timer !== undefined) return;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			// A round under way runs once more when it ends (`runNow`); that one is watched.
			if (this.#running) {
				if (cause === 'poke') this.#poked = true;
				return void this.runNow();
			}
			this.runNow().then(
				() => {
					this.#poked = false;
					this.#retry.succeeded();
				},
				(error: unknown) => {
					const retryAfter = error instanceof SyncHttpError ? error.retryAfterMs : undefined;
					const wait = this.#retry.failed(retryAfter);
					// The network came back (or the window was looked at) while it failed: now, not later.
					const poked = this.#poked;
					this.#poked = false;
					this.plan(poked ? 0 : wait);
				}
			);
		}, this.#retry.delayFor(delayMs));
	}
}
