import type { Readable } from 'svelte/store';
import type { StoredEvent } from '../events';
import type { Conflict, EventStore } from '../eventstore';
import type { CommandRebaser } from './command-rebaser';
import type { LoginRequest, MembersResponse, SignupRequest } from '../protocol';
import { discardConflict, listConflicts, retryConflict, type RetryOutcome } from './conflict-inbox';
import { deviceLabel } from './device-label';
import { electLeader } from './leader';
import { localStatus } from './local-status';
import { MemberDirectory } from './member-directory';
import { pullAll } from './pull-all';
import { Pusher } from './push-all';
import { DEFAULT_RETRY } from './retry-schedule';
import { revokeReasonOf } from './revoke-reason';
import { SessionBinding } from './session-binding';
import type { SyncSession } from './session';
import { SyncApi } from './sync-api';
import type { SyncClientOptions } from './sync-client-options';
import { isSyncHttpError, SyncHttpError } from './sync-errors';
import { LAST_SYNCED_AT } from './sync-meta';
import { SyncSchedule } from './sync-schedule';
import type { SyncStatus } from './sync-status';
import { SyncTriggers } from './sync-triggers';
import { TabStatus } from './tab-status';
import { WorkspacePeople } from './workspace-people';
import { writeRefusal } from './write-access';

export type { SyncClientOptions } from './sync-client-options';

/** How one round of sync ended. */
export type SyncOutcome = 'synced' | 'signed-out';

// A push is answered 409 when others wrote first; after pulling, it is tried again. A few
// rounds settle any real race; more means something is wrong, and the loop backs off.
const ROUNDS = 8;
// Local changes are pushed this soon after they are made, so a burst goes in one batch.
const PUSH_DELAY_MS = 40;

/**
 * Connects the device's log to the server (DESIGN.md, "The sync client"): pull until caught
 * up (rebasing pending commands), push the pending events, and again on every local change
 * and trigger, with backoff after failures. One tab leads; every tab shows the status. Each
 * step lives in its own file; this class wires them and sequences a round.
 */
export class SyncClient {
	readonly #store: EventStore;
	readonly #rebaser: CommandRebaser;
	readonly #api: SyncApi;
	readonly #now: () => Date;
	readonly #binding: SessionBinding;
	readonly #directory: MemberDirectory;
	readonly #tabs: TabStatus;
	readonly #pusher: Pusher;
	readonly #schedule: SyncSchedule<SyncOutcome>;
	readonly #triggers: SyncTriggers;
	#stopWatching: (() => void) | undefined;

	readonly status: Readable<SyncStatus>;
	/** Names of the workspace's people by user id, kept on the device for offline use. */
	readonly members: Readable<ReadonlyMap<string, string>>;
	/** Members, roles, invites, the password and the person's sessions. */
	readonly people: WorkspacePeople;

	constructor(options: SyncClientOptions) {
		const { store, rebaser, deviceId, backoff = DEFAULT_RETRY, random = Math.random } = options;
		const api = new SyncApi(options.fetch ?? ((request) => fetch(request)), options.baseUrl);
		const now = options.now ?? (() => new Date());
		const userAgent = typeof navigator === 'undefined' ? undefined : navigator.userAgent;
		this.#store = store;
		this.#rebaser = rebaser;
		this.#api = api;
		this.#now = now;
		this.#schedule = new SyncSchedule(() => this.#round(), backoff, random);
		this.#tabs = new TabStatus({
			log: store.name,
			leading: () => this.#schedule.leading,
			sessionChanged: () => void this.#sessionChanged()
		});
		this.#binding = new SessionBinding({
			store,
			api,
			anonymousUserId: options.anonymousUserId,
			device: options.device ?? deviceLabel(userAgent),
			announce: () => this.#tabs.announceSession(),
			refresh: () => this.#refreshCounts(),
			signedIn: () => this.#schedule.plan(0)
		});
		this.#directory = new MemberDirectory(store);
		this.#pusher = new Pusher({ store, api, rebaser, deviceId, now });
		const expired = this.#binding.expire.bind(this.#binding);
		this.#triggers = new SyncTriggers({
			api,
			session: () => this.#binding.current,
			expired,
			poke: () => this.#schedule.plan(0),
			signals: options.signals,
			backoff,
			random
		});
		this.people = new WorkspacePeople({
			api,
			session: () => this.#binding.signedIn(),
			learned: (response) => this.#learned(response),
			refused: (session, error) => expired(session, revokeReasonOf(error))
		});
		this.status = this.#tabs.status;
		this.members = this.#directory.members;
	}

	/** The account this device syncs as, if any. */
	get session(): SyncSession | undefined {
		return this.#binding.current;
	}

	/** Reads the session and the counts, and begins syncing in the background (in one tab). */
	async start(): Promise<void> {
		await this.#binding.load();
		await this.#directory.load();
		await this.#refreshCounts();
		const stopCounting = this.#store.subscribe(() => {
			void this.#refreshCounts();
			// Changes from every tab: the leading tab pushes what any of them wrote.
			this.#schedule.plan(PUSH_DELAY_MS, 'change');
		});
		const stopLeading = electLeader(`rewind-sync:${this.#store.name}`, () => this.#lead());
		this.#tabs.hello();
		this.#stopWatching = () => (stopCounting(), stopLeading());
	}

	stop(): void {
		this.#stopWatching?.();
		this.#schedule.cancel();
		this.#tabs.close();
	}

	/** Creates a workspace (or joins one with an invite) and syncs everything made here so far. */
	signup(request: SignupRequest): Promise<void> {
		return this.#binding.signup(request);
	}

	login(request: LoginRequest): Promise<void> {
		return this.#binding.login(request);
	}

	/** The workspace this device's log belongs to, once it has been signed in. */
	boundWorkspace(): Promise<string | undefined> {
		return this.#binding.boundWorkspace();
	}

	/** The session as stored on the device, which any tab may have changed since `start`. */
	storedSession(): Promise<SyncSession | undefined> {
		return this.#binding.stored();
	}

	/**
	 * Adopts a sign-in made elsewhere (another log's `WorkspaceMismatchError`) for this log,
	 * which must be new or belong to the same workspace.
	 */
	useSession(session: SyncSession): Promise<void> {
		return this.#binding.use(session);
	}

	/** Signs out on this device. Local data stays; pending changes wait for the next sign-in. */
	logout(): Promise<void> {
		return this.#binding.logout();
	}

	createInvite(): Promise<string> {
		return this.people.invite('member');
	}

	/**
	 * One whole round, now: pull until caught up (rebasing pending commands), then push every
	 * pending event; again while the server reports it moved on. Rounds never overlap.
	 */
	syncNow(): Promise<SyncOutcome> {
		return this.#schedule.runNow();
	}

	conflicts(): Promise<Conflict[]> {
		return listConflicts(this.#store);
	}

	async retry(commandId: string): Promise<RetryOutcome> {
		const outcome = await retryConflict(this.#store, commandId, this.#rebaser);
		if (outcome.applied) this.#schedule.plan(PUSH_DELAY_MS, 'change');
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
		return this.#pusher.withoutPush(() => this.#store.discardPending(streamId, fromVersion));
	}

	async #round(): Promise<SyncOutcome> {
		const session = this.#binding.current;
		if (!session || session.expired) return 'signed-out';
		this.#tabs.set({ syncing: true });
		try {
			const seen = new Set<string>();
			for (let round = 1; ; round++) {
				for (const userId of await this.#pull(session)) seen.add(userId);
				// A viewer pulls and never pushes: their pending work waits, kept, for edit rights.
				if (writeRefusal(this.#binding.current) || (await this.#pusher.pushAll(session))) break;
				if (round === ROUNDS) throw new Error('The server kept moving on while pushing.');
			}
			if (this.#directory.needsList(session, seen)) {
				await this.#learned(await this.#api.members(session.token));
			}
			const lastSyncedAt = this.#now().toISOString();
			await this.#store.sync.writeSetting(LAST_SYNCED_AT, lastSyncedAt);
			this.#tabs.set({ lastSyncedAt, lastError: undefined, online: true });
			this.#triggers.reached();
			return 'synced';
		} catch (error) {
			if (isSyncHttpError(error, 401)) {
				await this.#binding.expire(session, revokeReasonOf(error));
				return 'signed-out';
			}
			// Made a viewer while this device was offline: stop pushing (no retry loop), keep the work.
			if (isSyncHttpError(error, 403)) {
				await this.#binding.adoptRole(session, 'viewer');
				this.#tabs.set({ lastError: undefined, online: true });
				return 'synced';
			}
			this.#tabs.set({
				lastError: error instanceof Error ? error.message : String(error),
				...(error instanceof SyncHttpError ? {} : { online: false })
			});
			throw error;
		} finally {
			this.#tabs.set({ syncing: false, catchUp: undefined });
			await this.#refreshCounts();
		}
	}

	/** Pulls until caught up; the first pull of a sign-in that gets there makes "synced" possible. */
	async #pull(session: SyncSession): Promise<Set<string>> {
		const options = { store: this.#store, api: this.#api, rebaser: this.#rebaser, now: this.#now };
		const authors = await pullAll(options, session, (catchUp) => this.#tabs.set({ catchUp }));
		if (this.#binding.holds(session)) {
			this.#tabs.set({ caughtUp: true, catchUp: undefined });
			await this.#binding.caughtUp();
		}
		return authors;
	}

	/** Keeps a members list's names on the device, and the caller's role and workspace name. */
	async #learned(response: MembersResponse): Promise<void> {
		await this.#directory.keep(response.members);
		await this.#binding.learned(response);
	}

	#lead(): () => void {
		this.#schedule.lead();
		const stopTriggers = this.#triggers.start();
		this.#schedule.plan(0);
		return () => (this.#schedule.standDown(), stopTriggers());
	}

	async #sessionChanged(): Promise<void> {
		await this.#binding.load();
		await this.#refreshCounts();
		this.#schedule.plan(0);
	}

	async #refreshCounts(): Promise<void> {
		this.#tabs.merge(await localStatus(this.#store, () => this.#binding.current));
	}
}
