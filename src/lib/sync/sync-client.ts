import type { Readable } from 'svelte/store';
import type { StoredEvent } from '../events';
import type { Conflict } from '../eventstore';
import type { LoginRequest, SignupRequest } from '../protocol';
import type { RetryOptions, RetryOutcome } from './conflict-inbox';
import { electLeader } from './leader';
import type { SyncSession } from './session';
import type { SyncClientOptions } from './sync-client-options';
import { syncClientParts, type SyncClientParts } from './sync-client-parts';
import { LAST_SYNCED_AT } from './sync-meta';
import { failedRound } from './round-failure';
import type { SyncStatus } from './sync-status';
import type { WorkspacePeople } from './workspace-people';
import { WorkspaceWebhooks } from './workspace-webhooks';
import { writeRefusal } from './write-access';
import { loadSyncCode } from './sync-errors';

export type { SyncClientOptions } from './sync-client-options';

/** How one round of sync ended. */
export type SyncOutcome = 'synced' | 'signed-out';

// A push is answered 409 when others wrote first; after pulling, it is tried again. A few
// rounds settle any real race; more means something is wrong, and the loop backs off.
const ROUNDS = 8;

/**
 * Connects the device's log to the server (DESIGN.md, "The sync client"): pull until caught
 * up (rebasing pending commands), push the pending events, and again on every local change
 * and trigger, with backoff after failures. One tab leads; every tab shows the status. Each
 * part lives in its own file, made and wired by `sync-client-parts.ts`; this class sequences.
 */
export class SyncClient {
	readonly #parts: SyncClientParts<SyncOutcome>;
	#stopWatching: (() => void) | undefined;

	readonly status: Readable<SyncStatus>;
	/** Names of the workspace's people by user id, kept on the device for offline use. */
	readonly members: Readable<ReadonlyMap<string, string>>;
	/** Members, roles, invites, the password and the person's sessions. */
	readonly people: WorkspacePeople;
	/** The workspace's webhooks and their dead letters (owners only). */
	readonly webhooks: WorkspaceWebhooks;

	constructor(options: SyncClientOptions) {
		this.#parts = syncClientParts(options, () => this.#round());
		this.status = this.#parts.tabs.status;
		this.members = this.#parts.directory.members;
		this.people = this.#parts.people;
		this.webhooks = new WorkspaceWebhooks(this.people);
	}

	/** The account this device syncs as, if any. */
	get session(): SyncSession | undefined {
		return this.#parts.binding.current;
	}

	/** Reads the session and the counts, and begins syncing in the background (in one tab). */
	async start(): Promise<void> {
		const { binding, directory, store, tabs, refresh, changed } = this.#parts;
		await binding.load();
		await directory.load();
		await refresh();
		const stopCounting = store.subscribe(() => {
			void refresh();
			// Changes from every tab: the leading tab pushes what any of them wrote.
			changed();
		});
		const stopLeading = electLeader(`rewind-sync:${store.name}`, () => this.#lead());
		tabs.hello();
		this.#stopWatching = () => (stopCounting(), stopLeading());
	}

	stop(): void {
		this.#stopWatching?.();
		this.#parts.schedule.cancel();
		this.#parts.tabs.close();
	}

	/** Creates a workspace (or joins one with an invite) and syncs everything made here so far. */
	signup(request: SignupRequest): Promise<void> {
		return this.#parts.binding.signup(request);
	}

	login(request: LoginRequest): Promise<void> {
		return this.#parts.binding.login(request);
	}

	/** The workspace this device's log belongs to, once it has been signed in. */
	boundWorkspace(): Promise<string | undefined> {
		return this.#parts.binding.boundWorkspace();
	}

	/** The workspace this device's log belongs to, with its name, once it has been signed in. */
	workspace(): Promise<{ id: string; name: string } | undefined> {
		return this.#parts.binding.workspace();
	}

	/** Makes a log of no workspace yet (a backup restored into it) belong to `workspace`. */
	bindWorkspace(workspace: { id: string; name: string }): Promise<boolean> {
		return this.#parts.binding.bind(workspace);
	}

	/** The session as stored on the device, which any tab may have changed since `start`. */
	storedSession(): Promise<SyncSession | undefined> {
		return this.#parts.binding.stored();
	}

	/**
	 * Adopts a sign-in made elsewhere (another log's `WorkspaceMismatchError`) for this log,
	 * which must be new or belong to the same workspace.
	 */
	useSession(session: SyncSession): Promise<void> {
		return this.#parts.binding.use(session);
	}

	/** Signs out on this device. Local data stays; pending changes wait for the next sign-in. */
	logout(): Promise<void> {
		return this.#parts.binding.logout();
	}

	createInvite(): Promise<string> {
		return this.people.invite('member');
	}

	/**
	 * One whole round, now: pull until caught up (rebasing pending commands), then push every
	 * pending event; again while the server reports it moved on. Rounds never overlap.
	 */
	syncNow(): Promise<SyncOutcome> {
		return this.#parts.schedule.runNow();
	}

	conflicts(): Promise<Conflict[]> {
		return this.#parts.inbox.list();
	}

	/**
	 * Runs an inbox entry's command again (changed first by `amend`, when given); if it fits
	 * now, its events are pushed soon.
	 */
	retry(commandId: string, options?: RetryOptions): Promise<RetryOutcome> {
		return this.#parts.inbox.retry(commandId, options);
	}

	discard(commandId: string): Promise<void> {
		return this.#parts.inbox.discard(commandId);
	}

	/**
	 * Discards a record's pending events from `fromVersion` on, once no push is under way in
	 * any tab: events already on their way are then on the server, and refused here (the
	 * store's `ValidationError`) instead of coming back with the next pull.
	 */
	discardPending(streamId: string, fromVersion: number): Promise<StoredEvent[]> {
		const { pusher, store, rebaser } = this.#parts;
		// What reactions did because of the discarded commands goes with them.
		return pusher.withoutPush(async () => {
			await rebaser.prepare?.();
			return store.discardPending(streamId, fromVersion, (command, events) =>
				rebaser.redecide(command, events)
			);
		});
	}

	/** Pull, push while the server moves on, learn who wrote, and record that it got there. */
	async #round(): Promise<SyncOutcome> {
		const { binding, tabs, directory, pusher, api, store, triggers, now } = this.#parts;
		const session = binding.current;
		if (!session || session.expired) return 'signed-out';
		tabs.set({ syncing: true });
		try {
			const seen = new Set<string>();
			for (let round = 1; ; round++) {
				for (const userId of await this.#pull(session)) seen.add(userId);
				// A viewer pulls and never pushes: their pending work waits, kept, for edit rights.
				if (writeRefusal(binding.current) || (await pusher.pushAll(session))) break;
				if (round === ROUNDS) throw new Error('The server kept moving on while pushing.');
			}
			if (directory.needsList(session, seen)) {
				await this.#parts.learned(await api.members(session.token));
			}
			const lastSyncedAt = now().toISOString();
			await store.sync.writeSetting(LAST_SYNCED_AT, lastSyncedAt);
			tabs.set({ lastSyncedAt, lastError: undefined, online: true });
			triggers.reached();
			return 'synced';
		} catch (error) {
			const refusal = await binding.refusedRound(session, error);
			if (refusal === 'signed-out') return 'signed-out';
			// A viewer now: the round ends without an error, and no retry loop follows.
			if (refusal === 'viewer') {
				tabs.set({ lastError: undefined, online: true });
				return 'synced';
			}
			tabs.set(failedRound(error));
			throw error;
		} finally {
			tabs.set({ syncing: false, catchUp: undefined });
			await this.#parts.refresh();
		}
	}

	/** Pulls until caught up; the first pull of a sign-in that gets there makes "synced" possible. */
	async #pull(session: SyncSession): Promise<Set<string>> {
		const { binding, tabs } = this.#parts;
		// Signed out, a first visit never pulls: the pull's code comes with the first round.
		const { pullAll } = await loadSyncCode(() => import('./pull-all'));
		const authors = await pullAll(this.#parts, session, (catchUp) => tabs.set({ catchUp }));
		if (binding.holds(session)) {
			tabs.set({ caughtUp: true, catchUp: undefined });
			await binding.caughtUp();
		}
		return authors;
	}

	#lead(): () => void {
		const { schedule, triggers } = this.#parts;
		schedule.lead();
		const stopTriggers = triggers.start();
		schedule.plan(0);
		return () => (schedule.standDown(), stopTriggers());
	}
}
