import type { EventStore } from '../eventstore';
import type { LoginRequest, MembersResponse, RevokeReason, Role, SignupRequest } from '../protocol';
import { revokeReasonOf } from './revoke-reason';
import { loadSession, saveSession, type SyncSession } from './session';
import type { SyncApi } from './sync-api';
import type { SignInParts } from './session-sign-in';
import { isSyncHttpError, loadSyncCode } from './sync-errors';
import { WORKSPACE, WORKSPACE_NAME } from './sync-meta';

/** Signing in, up and out, and binding the log: loaded with their first use, not the first page. */
const signInSteps = () => loadSyncCode(() => import('./session-sign-in'));

export interface SessionBindingOptions {
	store: EventStore;
	api: SyncApi;
	/** The user id of work done before signing in; it becomes the signed-in user's. */
	anonymousUserId: string | undefined;
	/** What this device is called in the person's list of sessions. */
	device: string | undefined;
	/** The stored session changed: the other tabs read it again. */
	announce: () => void;
	/** The session changed: the counts and what the person may do follow it. */
	refresh: () => Promise<void>;
	/** Someone signed in: sync now. */
	signedIn: () => void;
}

/** What a refused round did to the session: signed this device out, or made its person a viewer. */
export type RoundRefusal = 'signed-out' | 'viewer';

/**
 * Who this device syncs as, and the workspace its log belongs to: sign-in binds the log to one
 * workspace (and makes the work done before it the person's), and the server's answers
 * expire the session or change its role. Every change is stored, so every tab shares it.
 */
export class SessionBinding {
	readonly #options: SessionBindingOptions;
	#session: SyncSession | undefined;

	/** What the sign-in steps (`session-sign-in.ts`) work with. */
	readonly #parts: SignInParts;

	constructor(options: SessionBindingOptions) {
		this.#options = options;
		this.#parts = {
			options,
			current: () => this.#session,
			boundWorkspace: () => this.boundWorkspace(),
			save: (session) => this.#save(session)
		};
	}

	get current(): SyncSession | undefined {
		return this.#session;
	}

	/** The session, or an error saying to sign in first. */
	signedIn(): SyncSession {
		if (!this.#session || this.#session.expired) throw new Error('Sign in first.');
		return this.#session;
	}

	/** Reads the stored session again: at start, and when another tab changed it. */
	async load(): Promise<void> {
		this.#session = await loadSession(this.#options.store);
	}

	/** The session as stored, whichever tab stored it last. */
	stored(): Promise<SyncSession | undefined> {
		return loadSession(this.#options.store);
	}

	async signup(request: SignupRequest): Promise<void> {
		return (await signInSteps()).signup(this.#parts, request);
	}

	async login(request: LoginRequest): Promise<void> {
		return (await signInSteps()).login(this.#parts, request);
	}

	/** The workspace this device's log belongs to, once it has been signed in. */
	boundWorkspace(): Promise<string | undefined> {
		return this.#options.store.sync.readSetting<string>(WORKSPACE);
	}

	/** The workspace this log belongs to with its name, once signed in (or restored into). */
	async workspace(): Promise<{ id: string; name: string } | undefined> {
		const { sync } = this.#options.store;
		const [id, name] = await Promise.all([
			this.boundWorkspace(),
			sync.readSetting<string>(WORKSPACE_NAME)
		]);
		return id === undefined ? undefined : { id, name: name ?? '' };
	}

	/**
	 * Makes a log that belongs to no workspace yet that of `workspace` (a backup of it was
	 * restored into it), so that a sign-in to another opens another log. False if it belongs to
	 * another already.
	 */
	async bind(workspace: { id: string; name: string }): Promise<boolean> {
		return (await signInSteps()).bind(this.#parts, workspace);
	}

	/** Syncs as `session` from now on; the log must be new or belong to its workspace. */
	async use(session: SyncSession): Promise<void> {
		return (await signInSteps()).use(this.#parts, session);
	}

	/** Signs out on this device. Local data stays; pending changes wait for the next sign-in. */
	async logout(): Promise<void> {
		return (await signInSteps()).logout(this.#parts);
	}

	/** The server refused `session`'s token, saying why when it did. */
	async expire(session: SyncSession, reason: RevokeReason | undefined): Promise<void> {
		// A 401 answered to a token this device no longer uses (signed out meanwhile, or signed in
		// again) says nothing about the device now: it must not bring the old session back.
		if (!this.holds(session)) return;
		await this.#save({
			...session,
			expired: true,
			...(reason ? { signedOutBecause: reason } : {})
		});
		await this.#options.refresh();
	}

	/**
	 * What the server's refusal of a round means for `session`: a 401 signs this device out,
	 * saying why when the server did; a 403 says the person may only view now (made a viewer
	 * while this device was offline): pushing stops, with no retry loop, and the work is kept.
	 * Undefined, changing nothing, for any other failure.
	 */
	async refusedRound(session: SyncSession, error: unknown): Promise<RoundRefusal | undefined> {
		if (isSyncHttpError(error, 401)) {
			await this.expire(session, revokeReasonOf(error));
			return 'signed-out';
		}
		if (isSyncHttpError(error, 403)) {
			await this.adoptRole(session, 'viewer');
			return 'viewer';
		}
		return undefined;
	}

	/** Whether `session` is still the one this device syncs as. */
	holds(session: SyncSession): boolean {
		return this.#session?.token === session.token;
	}

	/** The first pull of this sign-in reached the head: from now on "synced" can be true. */
	async caughtUp(): Promise<void> {
		const current = this.#session;
		if (!current || current.caughtUp) return;
		await this.#save({ ...current, caughtUp: true });
	}

	/** A members list names the caller's role and the workspace's name; the session takes them. */
	async learned({ workspace, you }: MembersResponse): Promise<void> {
		const session = this.#session;
		if (!session || session.expired || session.userId !== you.userId) return;
		// Joining with an invite does not say the workspace's name; the directory does.
		if (session.workspace && session.role === you.role) return;
		await this.adoptRole({ ...session, workspace: session.workspace || workspace.name }, you.role);
	}

	/** The server says what `session`'s person may do now. */
	async adoptRole(session: SyncSession, role: Role): Promise<void> {
		if (!this.holds(session)) return;
		await this.#save({ ...this.#session, ...session, role });
		await this.#options.refresh();
	}

	async #save(session: SyncSession | undefined): Promise<void> {
		this.#session = session;
		await saveSession(this.#options.store, session);
		this.#options.announce();
	}
}
