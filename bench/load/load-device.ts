import type { PullResponse, PushResponse } from '../../src/lib/protocol';
import { wireBatch } from '../server/wire-batch';
import type { WorkspaceLedger } from './delivery-ledger';
import type { EnrolledDevice } from './enrol-devices';
import type { ErrorTally } from './error-tally';
import { requestJson } from './http-client';
import { openLiveStream, type LiveStream } from './live-stream';

export const BATCH_SIZE = 10;
const RETRY_MS = 100;

/**
 * One device of the load: pushes 10-event batches (a new order each, so batches never conflict)
 * and pulls whenever its live stream announces a head it has not pulled yet, one pull at a time,
 * as the sync client does. Keeps what it pulled, to check delivery afterwards.
 */
export class LoadDevice {
	/** eventId → position of every event pulled; a second pull of one is counted in `duplicates`. */
	readonly pulled = new Map<string, number>();
	duplicates = 0;
	/** Pulled events whose position was not above the one before. */
	outOfOrder = 0;
	cursor = 0;
	/** Every head the device's own live stream announced, with when (performance.now()). */
	readonly heads: number[] = [];
	readonly headTimes: number[] = [];
	readonly pushLatencies: number[] = [];
	/** Pull requests answered 200. */
	pulls = 0;
	stream: LiveStream | undefined;
	#pulling = false;
	#wanted = 0;

	constructor(
		readonly enrolled: EnrolledDevice,
		private readonly ledger: WorkspaceLedger,
		private readonly errors: ErrorTally
	) {}

	/** Opens the device's own live stream, which drives its pulls. */
	async connect(): Promise<void> {
		this.stream = openLiveStream(this.enrolled.url, this.enrolled.token, (head, at) => {
			this.heads.push(head);
			this.headTimes.push(at);
			this.pullUpTo(head);
		});
		await this.stream.opened;
	}

	/**
	 * Pushes one new batch until the server acknowledges it (a 429 or 503 waits `Retry-After`
	 * and sends the same batch again, as a device would); records the latency from `sentAt`.
	 */
	async push(sentAt = performance.now(), record = true): Promise<boolean> {
		const events = wireBatch(BATCH_SIZE, this.enrolled.deviceId);
		const body = { deviceId: this.enrolled.deviceId, events };
		for (;;) {
			let wait = RETRY_MS;
			try {
				const answer = await requestJson(
					`${this.enrolled.url}/api/sync/push`,
					'POST',
					this.enrolled.token,
					body
				);
				if (answer.status === 200) {
					const { accepted } = answer.body as PushResponse;
					this.ledger.record(this.enrolled.index, sentAt, accepted);
					if (record) this.pushLatencies.push(performance.now() - sentAt);
					return true;
				}
				this.errors.add(`push ${answer.status}`);
				if (answer.status !== 429 && answer.status !== 503) return false;
				if (answer.retryAfter !== undefined) wait = answer.retryAfter * 1000;
			} catch {
				this.errors.add('push no answer');
			}
			await new Promise((resolve) => setTimeout(resolve, wait));
		}
	}

	/** Pulls until `head`, unless a pull is under way (it pulls on to the newest head wanted). */
	pullUpTo(head: number): void {
		this.#wanted = Math.max(this.#wanted, head);
		if (this.#pulling || this.cursor >= this.#wanted) return;
		this.#pulling = true;
		void this.#pullLoop().finally(() => (this.#pulling = false));
	}

	async #pullLoop(): Promise<void> {
		while (this.cursor < this.#wanted) {
			let page: PullResponse;
			try {
				const answer = await requestJson(
					`${this.enrolled.url}/api/sync/pull?after=${this.cursor}&limit=1000`,
					'GET',
					this.enrolled.token
				);
				if (answer.status !== 200) {
					this.errors.add(`pull ${answer.status}`);
					await new Promise((resolve) => setTimeout(resolve, (answer.retryAfter ?? 0.1) * 1000));
					continue;
				}
				page = answer.body as PullResponse;
				this.pulls++;
			} catch {
				this.errors.add('pull no answer');
				await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
				continue;
			}
			for (const event of page.events) {
				const position = event.position;
				if (this.pulled.has(event.eventId)) this.duplicates++;
				if (position <= this.cursor) this.outOfOrder++;
				this.pulled.set(event.eventId, position);
				this.cursor = Math.max(this.cursor, position);
			}
			// The page's head may be past what the stream announced so far: pull on to it.
			this.#wanted = Math.max(this.#wanted, page.hasMore ? page.head : this.cursor);
			if (page.events.length === 0) {
				this.cursor = Math.max(this.cursor, page.head);
				// A stream announced a head the pull does not show yet: ask again shortly, not in a spin.
				if (this.cursor < this.#wanted) await new Promise((resolve) => setTimeout(resolve, 50));
			}
		}
	}

	close(): void {
		this.stream?.close();
	}
}
