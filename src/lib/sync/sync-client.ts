import { get, writable, type Readable } from 'svelte/store';
import type { StoredEvent } from '../events';
import type { CommandRebaser, Conflict, EventStore } from '../eventstore';
import {
	MAX_PULL_LIMIT,
	MAX_PUSH_EVENTS,
	type AcceptedEvent,
	type LoginRequest,
	type MembersResponse,
	type RevokeReason,
	type Role,
	type SignupRequest
} from '../protocol';
import { adoptAnonymous } from './adopt-anonymous';
import { applyPulled } from './apply-pulled';
import { CatchUpCounter } from './catch-up-progress';
import { discardConflict, listConflicts, retryConflict, type RetryOutcome } from './conflict-inbox';
import { deviceLabel } from './device-label';
import { electLeader } from './leader';
import { markAccepted, pendingBatch, type PushBatch } from './push-batch';
import { withPushLock } from './push-lock';
import { quarantine } from './quarantine';
import { refusedEvent } from './refused-event';
import { watchReconnectSignals, type ReconnectSignalSources } from './reconnect-signals';
import { DEFAULT_RETRY, RetrySchedule, retryDelay, type BackoffOptions } from './retry-schedule';
import { revokeReasonOf } from './revoke-reason';
import { loadSession, saveSession, type SyncSession } from './session';
import { SyncApi, type Fetch } from './sync-api';
import { isSyncHttpError, SyncHttpError, WorkspaceMismatchError } from './sync-errors';
import { LAST_SYNCED_AT, MEMBERS, PULL_CURSOR, WORKSPACE } from './sync-meta';
import { INITIAL_STATUS, type SyncStatus } from './sync-status';
import { WorkspacePeople } from './workspace-people';
import { writeRefusal } from './write-access';

export interface SyncClientOptions {
	store: EventStore;
	/** Decides pending commands again when others' events land before them. */
	rebaser: CommandRebaser;
	deviceId: string;
	/** The user id of work done before signing in; it becomes the signed-in user's. */
	anonymousUserId?: string;
	/** Where the server is; the page's own origin in the app. */
	baseUrl: string;
	fetch?: Fetch;
	now?: () => Date;
	/** How failed rounds are retried; `DEFAULT_RETRY` says why its numbers are what they are. */
	backoff?: BackoffOptions;
	random?: () => number;
	/** Where `online`, `focus` and `visibilitychange` come from; the browser's window and document by default. */
	signals?: ReconnectSignalSources;
	/** What this device is called in the person's list of sessions; from the user agent by default. */
	device?: string;
}

/** How one round of sync ended. */
export type SyncOutcome = 'synced' | 'signed-out';

// A push is answered 409 when others wrote first; after pulling, it is tried again. A few
// rounds settle any real race; more means something is wrong, and the loop backs off.
const ROUNDS = 8;
// Local changes are pushed this soon after they are made, so a burst goes in one batch.
const PUSH_DELAY_MS = 40;
// Even with no poke at all, look for news this often.
const POLL_MS = 60_000;
// A live connection that ends sooner than this counts as failing to stay up: its reconnects
// back off, so an endpoint that answers and hangs up at once does not become a loop.
const STEADY_LIVE_MS = 10_000;

/** What one tab tells the others: the leader's view of the network, or "read the session again". */
type TabMessage = Partial<SyncStatus> | 'session' | 'hello';

/**
 * Connects the device's log to the server (DESIGN.md, "The sync client"): pull until caught
 * up, rebase, push the pending events in batches, and again on every local change, live
 * poke, return online, focus, and after failures with backoff. One tab leads; every tab
 * shows the status.
 */
export class SyncClient {
	readonly #store: EventStore;
	readonly #rebaser: CommandRebaser;
	readonly #api: SyncApi;
	readonly #deviceId: string;
	readonly #anonymousUserId: string | undefined;
	readonly #now: () => Date;
	readonly #backoff: BackoffOptions;
	readonly #random: () => number;
	readonly #signals: ReconnectSignalSources | undefined;
	readonly #device: string | undefined;
	readonly #status = writable<SyncStatus>({ ...INITIAL_STATUS });
	#channel: BroadcastChannel | undefined;
	#session: SyncSession | undefined;
	#batchSize = MAX_PUSH_EVENTS;
	/** Held while events are on their way to the server; discards wait for it (`push-lock.ts`). */
	readonly #pushLock: string;
	#running: Promise<SyncOutcome> | undefined;
	#again = false;
	#timer: ReturnType<typeof setTimeout> | undefined;
	readonly #retry: RetrySchedule;
	/** Rounds that reached the server; the live stream reopens after one. */
	#reached = 0;
	#onReached: (() => void)[] = [];
	/** A poke (online, focus, a live head) came while a round ran: if that round fails, retry at once. */
	#poked = false;
	#leading = false;
	#stopWatching: (() => void) | undefined;

	readonly #members = writable<ReadonlyMap<string, string>>(new Map());

	readonly status: Readable<SyncStatus> = { subscribe: this.#status.subscribe };
	/** Names of the workspace's people by user id, kept on the device for offline use. */
	readonly members: Readable<ReadonlyMap<string, string>> = { subscribe: this.#members.subscribe };
	/** Members, roles, invites, the password and the person's sessions. */
	readonly people: WorkspacePeople;

	constructor(options: SyncClientOptions) {
		this.#store = options.store;
		this.#pushLock = `rewind-push:${this.#store.db.name}`;
		this.#rebaser = options.rebaser;
		this.#deviceId = options.deviceId;
		this.#anonymousUserId = options.anonymousUserId;
		this.#api = new SyncApi(options.fetch ?? ((request) => fetch(request)), options.baseUrl);
		this.#now = options.now ?? (() => new Date());
		this.#backoff = options.backoff ?? DEFAULT_RETRY;
		this.#random = options.random ?? Math.random;
		this.#signals = options.signals;
		this.#device =
			options.device ??
			deviceLabel(typeof navigator === 'undefined' ? undefined : navigator.userAgent);
		this.people = new WorkspacePeople({
			api: this.#api,
			session: () => this.#signedInSession(),
			learned: (response) => this.#learned(response),
			refused: (session, error) => this.#expired(session, revokeReasonOf(error))
		});
		this.#retry = new RetrySchedule(this.#backoff, this.#random);
		if (typeof BroadcastChannel !== 'undefined') {
			this.#channel = new BroadcastChannel(`rewind-sync:${options.store.db.name}`);
			this.#channel.onmessage = (message: MessageEvent<TabMessage>) =>
				void this.#heard(message.data);
		}
	}

	/** The account this device syncs as, if any. */
	get session(): SyncSession | undefined {
		return this.#session;
	}

	/** Reads the session and the counts, and begins syncing in the background (in one tab). */
	async start(): Promise<void> {
		this.#session = await loadSession(this.#store);
		const known = (await this.#store.db.meta.get(MEMBERS))?.value as [string, string][] | undefined;
		if (known) this.#members.set(new Map(known));
		await this.#refreshCounts();
		const stopCounting = this.#store.subscribe(() => {
			void this.#refreshCounts();
			// Changes from every tab: the leading tab pushes what any of them wrote.
			if (this.#leading) this.#schedule(PUSH_DELAY_MS, 'change');
		});
		const stopLeading = electLeader(`rewind-sync:${this.#store.db.name}`, () => this.#lead());
		// A tab that opens later learns the leader's view of the network from the leader.
		this.#channel?.postMessage('hello' satisfies TabMessage);
		this.#stopWatching = () => {
			stopCounting();
			stopLeading();
		};
	}

	stop(): void {
		this.#stopWatching?.();
		clearTimeout(this.#timer);
		this.#channel?.close();
		// A round still under way finishes quietly: no other tab hears from this one any more.
		this.#channel = undefined;
	}

	/** Creates a workspace (or joins one with an invite) and syncs everything made here so far. */
	async signup(request: SignupRequest): Promise<void> {
		const session = await this.#api.signup(this.#withDevice(request));
		await this.#signedIn({
			...session,
			workspace: request.workspace ?? '',
			name: request.name
		});
	}

	async login(request: LoginRequest): Promise<void> {
		const session = await this.#api.login(this.#withDevice(request));
		await this.#signedIn({ ...session, workspace: request.workspace, name: request.name });
	}

	/** The workspace this device's log belongs to, once it has been signed in. */
	async boundWorkspace(): Promise<string | undefined> {
		return (await this.#store.db.meta.get(WORKSPACE))?.value as string | undefined;
	}

	/**
	 * Adopts a sign-in made elsewhere (another log's `WorkspaceMismatchError`) for this log,
	 * which must be new or belong to the same workspace.
	 */
	async useSession(session: SyncSession): Promise<void> {
		await this.#signedIn(session);
	}

	/** Signs out on this device. Local data stays; pending changes wait for the next sign-in. */
	async logout(): Promise<void> {
		const session = this.#session;
		if (session && !session.expired) await this.#api.logout(session.token).catch(() => undefined);
		this.#session = undefined;
		await saveSession(this.#store, undefined);
		this.#announceSession();
		await this.#refreshCounts();
	}

	async createInvite(): Promise<string> {
		return this.people.invite('member');
	}

	/**
	 * One whole round, now: pull until caught up (rebasing pending commands), then push every
	 * pending event; again while the server reports it moved on. Rounds never overlap.
	 */
	syncNow(): Promise<SyncOutcome> {
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = this.#round().finally(() => {
			this.#running = undefined;
			if (this.#again) {
				this.#again = false;
				this.#schedule(0);
			}
		});
		return this.#running;
	}

	conflicts(): Promise<Conflict[]> {
		return listConflicts(this.#store);
	}

	async retry(commandId: string): Promise<RetryOutcome> {
		const outcome = await retryConflict(this.#store, commandId, this.#rebaser);
		if (outcome.applied && this.#leading) this.#schedule(PUSH_DELAY_MS, 'change');
		return outcome;
	}

	discard(commandId: string): Promise<void> {
		return discardConflict(this.#store, commandId);
	}

	/**
	 * Discards a record's pending events from `fromVersion` on, once no push is under way in
	 * any tab: events already on their way are then on the server, and refused here (the
	 * store's `ValidationError`) instead of coming back with the next pull.
	 */
	discardPending(streamId: string, fromVersion: number): Promise<StoredEvent[]> {
		return withPushLock(this.#pushLock, () => this.#store.discardPending(streamId, fromVersion));
	}

	async #round(): Promise<SyncOutcome> {
		const session = this.#session;
		if (!session || session.expired) return 'signed-out';
		this.#setStatus({ syncing: true });
		try {
			const seen = new Set<string>();
			for (let round = 1; ; round++) {
				for (const userId of await this.#pullAll(session)) seen.add(userId);
				// A viewer pulls and never pushes: their pending work waits, kept, for edit rights.
				if (writeRefusal(this.#session) || (await this.#pushAll(session))) break;
				if (round === ROUNDS) throw new Error('The server kept moving on while pushing.');
			}
			await this.#learnMembers(session, seen);
			const lastSyncedAt = this.#now().toISOString();
			await this.#store.db.meta.put({ key: LAST_SYNCED_AT, value: lastSyncedAt });
			this.#setStatus({ lastSyncedAt, lastError: undefined, online: true });
			this.#reached++;
			for (const wake of this.#onReached.splice(0)) wake();
			return 'synced';
		} catch (error) {
			if (isSyncHttpError(error, 401)) {
				await this.#expired(session, revokeReasonOf(error));
				return 'signed-out';
			}
			// Made a viewer while this device was offline: stop pushing (no retry loop), keep the work.
			if (isSyncHttpError(error, 403)) {
				await this.#adoptRole(session, 'viewer');
				this.#setStatus({ lastError: undefined, online: true });
				return 'synced';
			}
			this.#setStatus({
				lastError: error instanceof Error ? error.message : String(error),
				...(error instanceof SyncHttpError ? {} : { online: false })
			});
			throw error;
		} finally {
			this.#setStatus({ syncing: false, catchUp: undefined });
			await this.#refreshCounts();
		}
	}

	/**
	 * Pulls until caught up; returns who wrote the pulled events. A pull of more than one page
	 * reports its progress in the status (`catchUp`), each page once it is on the device.
	 */
	async #pullAll(session: SyncSession): Promise<Set<string>> {
		const authors = new Set<string>();
		const counter = new CatchUpCounter();
		let reporting = false;
		for (;;) {
			const cursor = ((await this.#store.db.meta.get(PULL_CURSOR))?.value as number) ?? 0;
			const page = await this.#api.pull(session.token, cursor, MAX_PULL_LIMIT);
			if (page.events.length > 0) {
				await applyPulled(this.#store, page.events, this.#rebaser, this.#now);
				for (const event of page.events) authors.add(event.recordedBy);
			}
			const reached = page.events.at(-1)?.position ?? cursor;
			const catchUp = counter.page(page.events.length, reached, page.head);
			reporting ||= page.hasMore;
			if (reporting) this.#setStatus({ catchUp });
			if (!page.hasMore) {
				await this.#caughtUp(session);
				return authors;
			}
		}
	}

	/** The first pull of this sign-in reached the head: from now on "synced" can be true. */
	async #caughtUp(session: SyncSession): Promise<void> {
		const current = this.#session;
		if (current?.token !== session.token) return;
		this.#setStatus({ caughtUp: true, catchUp: undefined });
		if (current.caughtUp) return;
		this.#session = { ...current, caughtUp: true };
		await saveSession(this.#store, this.#session);
		this.#announceSession();
	}

	/**
	 * Pushes until nothing is pending; false when the server had moved on (pull again first).
	 * While a batch is on the wire, the next one is read (the events after it, which its answer
	 * does not change), then the batch before is acknowledged: only the wire is waited for.
	 */
	#pushAll(session: SyncSession): Promise<boolean> {
		return withPushLock(this.#pushLock, () => this.#pushBatches(session));
	}

	async #pushBatches(session: SyncSession): Promise<boolean> {
		let marking: Promise<void> = Promise.resolve();
		// The acknowledgement of the batch answered last, not yet begun.
		let answered: (() => Promise<void>) | undefined;
		const acknowledge = (after: Promise<unknown>) => {
			const mark = answered;
			if (!mark) return;
			answered = undefined;
			// After the read: IndexedDB would otherwise queue the read behind the writes.
			marking = after.then(mark, mark);
			// Awaited before the next batch is pushed, or at the end; a failure surfaces there.
			marking.catch(() => undefined);
		};
		let batch = await this.#pendingBatch(0);
		for (;;) {
			if (batch.events.length === 0) {
				acknowledge(Promise.resolve());
				await marking;
				// Once more from the start: every read but the first began after the batch before it.
				batch = await this.#pendingBatch(0);
				if (batch.events.length === 0) return true;
			}
			const current = batch;
			const pushing = this.#api.push(session.token, this.#deviceId, current.events);
			const next = this.#pendingBatch(current.records.at(-1)!.seq);
			// Used once the push is answered; if it is refused, the read is not used.
			next.catch(() => undefined);
			acknowledge(next);
			let accepted: AcceptedEvent[];
			try {
				({ accepted } = await pushing);
			} catch (error) {
				await marking;
				if (isSyncHttpError(error, 409)) return false;
				const refused = refusedEvent(error, current);
				if (refused) {
					// Never accepted, however it is sent: to the inbox, so the rest of the outbox goes on.
					const { eventId, reason } = refused;
					await quarantine(this.#store, eventId, reason, this.#rebaser, this.#now);
					batch = await this.#pendingBatch(0);
					continue;
				}
				if (isSyncHttpError(error, 413)) {
					this.#batchSize = Math.max(1, Math.floor(current.events.length / 2));
					batch = await this.#pendingBatch(0);
					continue;
				}
				throw error;
			}
			this.#batchSize = MAX_PUSH_EVENTS;
			await marking;
			batch = await next;
			answered = () => markAccepted(this.#store, current, accepted, session.userId);
		}
	}

	/** The next batch after `afterSeq`, leaving out the streams the conflict inbox holds. */
	async #pendingBatch(afterSeq: number): Promise<PushBatch> {
		const held = new Set((await this.#store.db.conflicts.toArray()).map((c) => c.streamId));
		return pendingBatch(this.#store, { limit: this.#batchSize, held, afterSeq });
	}

	/**
	 * Asks for the workspace's people when someone appears that this device cannot name, or
	 * while this person may only view: the list says when an owner gives them edit rights.
	 */
	async #learnMembers(session: SyncSession, seen: ReadonlySet<string>): Promise<void> {
		const known = get(this.#members);
		const allKnown = [session.userId, ...seen].every((userId) => known.has(userId));
		if (allKnown && session.workspace && session.role && session.role !== 'viewer') return;
		await this.#learned(await this.#api.members(session.token));
	}

	/** Keeps a members list's names on the device, and the caller's role and workspace name. */
	async #learned({ workspace, members, you }: MembersResponse): Promise<void> {
		const map = new Map(members.map((member) => [member.userId, member.name]));
		await this.#store.db.meta.put({ key: MEMBERS, value: [...map] });
		this.#members.set(map);
		const session = this.#session;
		if (!session || session.expired || session.userId !== you.userId) return;
		// Joining with an invite does not say the workspace's name; the directory does.
		if (session.workspace && session.role === you.role) return;
		await this.#adoptRole({ ...session, workspace: session.workspace || workspace.name }, you.role);
	}

	/** The server says what `session`'s person may do now. */
	async #adoptRole(session: SyncSession, role: Role): Promise<void> {
		if (this.#session?.token !== session.token) return;
		this.#session = { ...this.#session, ...session, role };
		await saveSession(this.#store, this.#session);
		this.#announceSession();
		await this.#refreshCounts();
	}

	#lead(): () => void {
		this.#leading = true;
		const controller = new AbortController();
		const poke = () => this.#schedule(0);
		const stopSignals = watchReconnectSignals(poke, this.#signals);
		void this.#followLive(controller.signal);
		const poll = setInterval(poke, POLL_MS);
		this.#schedule(0);
		return () => {
			this.#leading = false;
			controller.abort();
			clearInterval(poll);
			clearTimeout(this.#timer);
			this.#timer = undefined;
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
		let seen = this.#reached;
		let quickDrops = 0;
		while (!signal.aborted) {
			await this.#untilReached(seen, signal);
			seen = this.#reached;
			const session = this.#session;
			if (signal.aborted || !session || session.expired) continue;
			const opened = Date.now();
			try {
				await this.#api.live(session.token, signal, () => this.#schedule(0));
			} catch (error) {
				if (isSyncHttpError(error, 401)) await this.#expired(session, revokeReasonOf(error));
			}
			if (signal.aborted) return;
			seen = this.#reached;
			this.#schedule(0);
			quickDrops = Date.now() - opened < STEADY_LIVE_MS ? quickDrops + 1 : 0;
			if (quickDrops > 1)
				await sleep(retryDelay(quickDrops - 1, this.#backoff, this.#random), signal);
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

	/**
	 * Runs a round after `delayMs`, or as soon after as a server's `Retry-After` allows. A local
	 * change while rounds are failing waits for the retry already planned: it goes with it,
	 * and typing during an outage does not turn into requests.
	 */
	#schedule(delayMs: number, cause: 'poke' | 'change' = 'poke'): void {
		if (!this.#leading) return;
		if (cause === 'change' && this.#retry.failures > 0 && this.#timer !== undefined) return;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			// A round under way runs once more when it ends (`syncNow`); that one is watched.
			if (this.#running) {
				if (cause === 'poke') this.#poked = true;
				return void this.syncNow();
			}
			this.syncNow().then(
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
					this.#schedule(poked ? 0 : wait);
				}
			);
		}, this.#retry.delayFor(delayMs));
	}

	async #signedIn(session: SyncSession): Promise<void> {
		const bound = (await this.#store.db.meta.get(WORKSPACE))?.value as string | undefined;
		if (bound && bound !== session.workspaceId) throw new WorkspaceMismatchError(bound, session);
		if (!bound) await this.#store.db.meta.put({ key: WORKSPACE, value: session.workspaceId });
		if (this.#anonymousUserId) {
			await adoptAnonymous(this.#store, this.#anonymousUserId, session.userId);
		}
		this.#session = session;
		await saveSession(this.#store, session);
		this.#announceSession();
		await this.#refreshCounts();
		this.#schedule(0);
	}

	async #expired(session: SyncSession, reason: RevokeReason | undefined): Promise<void> {
		this.#session = { ...session, expired: true, ...(reason ? { signedOutBecause: reason } : {}) };
		await saveSession(this.#store, this.#session);
		this.#announceSession();
		await this.#refreshCounts();
	}

	#announceSession(): void {
		this.#channel?.postMessage('session');
	}

	async #heard(message: TabMessage): Promise<void> {
		if (message === 'hello') {
			if (this.#leading) this.#channel?.postMessage(this.#networkView());
			return;
		}
		if (message === 'session') {
			this.#session = await loadSession(this.#store);
			await this.#refreshCounts();
			this.#schedule(0);
			return;
		}
		this.#status.update((status) => ({ ...status, ...message }));
	}

	/** What only the leading tab knows: how its rounds go. */
	#networkView(): Partial<SyncStatus> {
		const { online, syncing, catchUp, lastError } = get(this.#status);
		return { online, syncing, catchUp, lastError };
	}

	#setStatus(change: Partial<SyncStatus>): void {
		this.#status.update((status) => ({ ...status, ...change }));
		// The leader's view of the network reaches the other tabs; counts each tab reads itself.
		this.#channel?.postMessage(change);
	}

	async #refreshCounts(): Promise<void> {
		const { db } = this.#store;
		const [pending, conflicts, lastSynced] = await Promise.all([
			this.#store.pendingChanges(),
			db.conflicts.count(),
			db.meta.get(LAST_SYNCED_AT)
		]);
		const session = this.#session;
		const refusal = writeRefusal(session);
		this.#store.refuseWrites(refusal);
		this.#status.update((status) => ({
			...status,
			ready: true,
			canWrite: refusal === undefined,
			role: session?.role,
			signedOutBecause: session?.expired ? session.signedOutBecause : undefined,
			pending,
			conflicts,
			signedIn: Boolean(session && !session.expired),
			needsLogin: Boolean(session?.expired),
			caughtUp: Boolean(session?.caughtUp),
			...(session ? { account: { name: session.name, workspace: session.workspace } } : {}),
			...(!session ? { account: undefined } : {}),
			...(lastSynced ? { lastSyncedAt: lastSynced.value as string } : {})
		}));
	}

	#withDevice<Request extends { device?: string }>(request: Request): Request {
		return this.#device && !request.device ? { ...request, device: this.#device } : request;
	}

	#signedInSession(): SyncSession {
		if (!this.#session || this.#session.expired) throw new Error('Sign in first.');
		return this.#session;
	}
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, ms);
		signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
	});
}
