import type { RevokeReason } from '../protocol';
import { watchReconnectSignals, type ReconnectSignalSources } from './reconnect-signals';
import { retryDelay, type BackoffOptions } from './retry-schedule';
import { revokeReasonOf } from './revoke-reason';
import type { SyncSession } from './session';
import type { SyncApi } from './sync-api';
import { isSyncHttpError } from './sync-errors';

// Even with no poke at all, look for news this often.
const POLL_MS = 60_000;
// A live connection that ends sooner than this counts as failing to stay up: its reconnects
// back off, so an endpoint that answers and hangs up at once does not become a loop.
const STEADY_LIVE_MS = 10_000;

export interface SyncTriggerOptions {
	api: SyncApi;
	session: () => SyncSession | undefined;
	/** The live stream was refused (a 401): the device signs out, saying why. */
	expired: (session: SyncSession, reason: RevokeReason | undefined) => Promise<void>;
	/** Something says a round is worth it now. */
	poke: () => void;
	signals: ReconnectSignalSources | undefined;
	backoff: BackoffOptions;
	random: () => number;
}

/**
 * What makes the leading tab sync besides local changes: the server's live head, the browser
 * coming back online or into view, and a slow poll.
 */
export class SyncTriggers {
	readonly #options: SyncTriggerOptions;
	/** Rounds that reached the server; the live stream reopens after one. */
	#reached = 0;
	#onReached: (() => void)[] = [];

	constructor(options: SyncTriggerOptions) {
		this.#options = options;
	}

	/** A round reached the server: a live stream that dropped may open again. */
	reached(): void {
		this.#reached++;
		for (const wake of this.#onReached.splice(0)) wake();
	}

	/** Starts watching every trigger; returns `stop`. */
	start(): () => void {
		const { poke, signals } = this.#options;
		const controller = new AbortController();
		const stopSignals = watchReconnectSignals(poke, signals);
		void this.#followLive(controller.signal);
		const poll = setInterval(poke, POLL_MS);
		return () => {
			controller.abort();
			clearInterval(poll);
			stopSignals();
		};
	}

	/**
	 * Listens to the server's head and syncs whenever it moves. The stream opens after a round
	 * that reached the server, and when it drops, a round at once pulls what it may have missed:
	 * while the server is down, the rounds' retries are the only attempts (one schedule, not
	 * two), and the stream is back right after the first round that gets through.
	 */
	async #followLive(signal: AbortSignal): Promise<void> {
		const { api, poke, backoff, random } = this.#options;
		let seen = this.#reached;
		let quickDrops = 0;
		while (!signal.aborted) {
			await this.#untilReached(seen, signal);
			seen = this.#reached;
			const session = this.#options.session();
			if (signal.aborted || !session || session.expired) continue;
			const opened = Date.now();
			try {
				await api.live(session.token, signal, poke);
			} catch (error) {
				if (isSyncHttpError(error, 401)) {
					await this.#options.expired(session, revokeReasonOf(error));
				}
			}
			if (signal.aborted) return;
			seen = this.#reached;
			poke();
			quickDrops = Date.now() - opened < STEADY_LIVE_MS ? quickDrops + 1 : 0;
			if (quickDrops > 1) await sleep(retryDelay(quickDrops - 1, backoff, random), signal);
		}
	}

	/** Resolves once more than `count` rounds have reached the server, or `signal` aborts. */
	#untilReached(count: number, signal: AbortSignal): Promise<void> {
		if (this.#reached > count || signal.aborted) return Promise.resolve();
		return new Promise((resolve) => {
			const done = () => {
				signal.removeEventListener('abort', done);
				resolve();
			};
			this.#onReached.push(done);
			signal.addEventListener('abort', done, { once: true });
		});
	}
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, ms);
		signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
	});
}
