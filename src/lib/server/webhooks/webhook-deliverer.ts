import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { describeDatabaseError } from '../db/is-database-unavailable';
import type { HeadFeed } from '../live/head-feed';
import type { Logger } from '../logger';
import { checkDestination } from './check-destination';
import {
	listDeliveryTargets,
	nextMatchingEvent,
	nextQueuedRedelivery,
	recordDeadLetter,
	recordDelivered,
	recordFailure,
	recordRedelivery,
	releaseLeases,
	takeLease,
	type DeliveryTarget,
	type PendingEvent
} from './delivery-store';
import { deliveryAgents, postDelivery, type PostOutcome } from './post-delivery';
import { retryDelayMs } from './retry-delay';
import { deliveryHeaders } from './sign-delivery';
import { leaseMs, type WebhookSettings } from './webhook-settings';

/**
 * Hands every webhook's events to its receiver, one at a time in position order, from the
 * checkpoint in the database. Runs in every server process; a lease in the database lets one
 * process deliver for a webhook at a time. Woken when a workspace's head moves, by a slow timer,
 * and when an owner registers a webhook or queues a redelivery. Nothing here ends the process:
 * every fault is logged, and the webhook is tried again later.
 */
export class WebhookDeliverer {
	/** This process's name on the leases it holds. */
	readonly #owner = randomUUID();
	readonly #abort = new AbortController();
	readonly #agents = deliveryAgents();
	/** A pass running per webhook; a second wake-up meanwhile asks for one more pass after it. */
	readonly #running = new Map<string, Promise<void>>();
	readonly #again = new Set<string>();
	readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
	/** Workspaces that have webhooks, as of the last look: other heads wake nothing. */
	#workspaces = new Map<string, Set<string>>();
	#poll: ReturnType<typeof setInterval> | undefined;
	#unsubscribe: (() => void) | undefined;
	#faults = 0;
	#stopping: Promise<void> | undefined;

	constructor(
		private readonly db: Database,
		readonly settings: WebhookSettings,
		private readonly logger: Logger,
		private readonly now: () => Date
	) {}

	get #stopped(): boolean {
		return this.#abort.signal.aborted;
	}

	start(feed: HeadFeed): void {
		this.#unsubscribe = feed.subscribeAll(
			(workspaceId) => {
				for (const webhookId of this.#workspaces.get(workspaceId) ?? []) this.wake(webhookId);
			},
			() => void this.#scan()
		);
		this.#poll = setInterval(() => void this.#scan(), this.settings.pollMs);
		this.#poll.unref();
		void this.#scan();
	}

	/** Looks at the webhook now: a new registration, a queued redelivery, a new event. */
	wake(webhookId: string, workspaceId?: string): void {
		if (this.#stopped) return;
		if (workspaceId !== undefined) this.#watch(workspaceId, webhookId);
		if (this.#running.has(webhookId)) {
			this.#again.add(webhookId);
			return;
		}
		clearTimeout(this.#timers.get(webhookId));
		this.#timers.delete(webhookId);
		const pass = this.#pass(webhookId).finally(() => {
			this.#running.delete(webhookId);
			if (this.#again.delete(webhookId)) this.wake(webhookId);
		});
		this.#running.set(webhookId, pass);
	}

	/**
	 * Stops delivering: attempts in flight are aborted and count for nothing (neither delivered
	 * nor failed), then this process's leases are let go so that another can take over at once.
	 */
	stop(): Promise<void> {
		this.#stopping ??= this.#stop();
		return this.#stopping;
	}

	async #stop(): Promise<void> {
		this.#abort.abort();
		clearInterval(this.#poll);
		this.#unsubscribe?.();
		for (const timer of this.#timers.values()) clearTimeout(timer);
		this.#timers.clear();
		await Promise.allSettled([...this.#running.values()]);
		this.#agents.destroy();
		await releaseLeases(this.db, this.#owner).catch(() => {});
	}

	#watch(workspaceId: string, webhookId: string): void {
		let webhooks = this.#workspaces.get(workspaceId);
		if (!webhooks) this.#workspaces.set(workspaceId, (webhooks = new Set()));
		webhooks.add(webhookId);
	}

	async #scan(): Promise<void> {
		if (this.#stopped) return;
		try {
			const targets = await listDeliveryTargets(this.db);
			this.#workspaces = new Map();
			for (const { webhookId, workspaceId } of targets) this.#watch(workspaceId, webhookId);
			for (const { webhookId } of targets) this.wake(webhookId);
		} catch (error) {
			this.logger.warn(`webhooks: cannot list webhooks: ${describeDatabaseError(error)}`);
		}
	}

	/** Wakes the webhook again after `ms`, unless something wakes it sooner. */
	#later(webhookId: string, ms: number): void {
		if (this.#stopped) return;
		clearTimeout(this.#timers.get(webhookId));
		const timer = setTimeout(() => {
			this.#timers.delete(webhookId);
			this.wake(webhookId);
		}, ms);
		timer.unref();
		this.#timers.set(webhookId, timer);
	}

	async #pass(webhookId: string): Promise<void> {
		try {
			await this.#deliverWhileDue(webhookId);
			this.#faults = 0;
		} catch (error) {
			// A database fault (or a bug): the checkpoint is where the last good write left it.
			this.#faults++;
			this.logger.warn(
				`webhooks: delivery for ${webhookId} paused: ${describeDatabaseError(error)}`
			);
			this.#later(webhookId, retryDelayMs(this.#faults, this.settings));
		}
	}

	async #deliverWhileDue(webhookId: string): Promise<void> {
		while (!this.#stopped) {
			const target = await takeLease(this.db, webhookId, this.#owner, leaseMs(this.settings));
			if (!target) return;
			// Owners asked for these explicitly; they go before the feed, one attempt each.
			const redelivery = await nextQueuedRedelivery(this.db, target);
			if (redelivery) {
				const outcome = await this.#attempt(target, redelivery);
				if ('aborted' in outcome) return;
				await recordRedelivery(this.db, target, redelivery.position, errorOf(outcome));
				continue;
			}
			const event = await nextMatchingEvent(this.db, target);
			if (!event) return;
			if (target.waitMs > 0) return this.#later(webhookId, target.waitMs);
			const outcome = await this.#attempt(target, event);
			if ('aborted' in outcome) return;
			const error = errorOf(outcome);
			if (error === undefined) {
				await recordDelivered(this.db, target, this.#owner, event.position);
			} else if (target.failedAttempts + 1 >= this.settings.maxAttempts) {
				this.logger.warn(
					`webhooks: ${webhookId} gave up on position ${event.position} after ${target.failedAttempts + 1} attempts: ${error}`
				);
				await recordDeadLetter(this.db, target, this.#owner, event, error);
			} else {
				const delay = retryDelayMs(target.failedAttempts + 1, this.settings);
				await recordFailure(this.db, target, this.#owner, error, delay);
				return this.#later(webhookId, delay);
			}
		}
	}

	async #attempt(target: DeliveryTarget, event: PendingEvent): Promise<PostOutcome> {
		let url: URL;
		try {
			url = await checkDestination(target.url, this.settings);
		} catch (error) {
			return { ok: false, error: (error as Error).message };
		}
		const headers = deliveryHeaders(
			{
				webhookId: target.webhookId,
				eventId: event.eventId,
				secret: target.secret,
				body: event.body
			},
			this.now()
		);
		return postDelivery({
			url,
			body: event.body,
			headers,
			timeoutMs: this.settings.timeoutMs,
			allowPrivate: this.settings.allowPrivate,
			signal: this.#abort.signal,
			agents: this.#agents
		});
	}
}

function errorOf(outcome: PostOutcome): string | undefined {
	if (outcome.ok) return undefined;
	return 'error' in outcome ? outcome.error : 'aborted';
}
