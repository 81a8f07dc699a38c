import type { RevokeReason, Role } from '../protocol';
import type { CatchUpProgress } from './catch-up-progress';

/** What the person needs to know to trust that their work is safe (DESIGN.md, "The sync client"). */
export interface SyncStatus {
	/** False until the session has been read: until then, "signed out" is not known yet. */
	ready: boolean;
	/** False while the last round got no answer at all from the server (as opposed to a refusal). */
	online: boolean;
	signedIn: boolean;
	/** The server refused the token: pending work waits, safe, until they sign in again. */
	needsLogin: boolean;
	/** Why the token stopped working, when the server said: the sync page says it in words. */
	signedOutBecause?: RevokeReason;
	/** Who and where, while signed in. */
	account?: { name: string; workspace: string };
	/** The signed-in person's role, once known. */
	role?: Role;
	/**
	 * False while the signed-in person may only view (a viewer): the app shows read-only pages
	 * and the store refuses changes. Always true on a device nobody signed in to.
	 */
	canWrite: boolean;
	/** Changes made on this device that the server does not have yet: appends, each a command's events. */
	pending: number;
	conflicts: number;
	syncing: boolean;
	/**
	 * The first pull since this sign-in has reached the server's head. Until then the device
	 * holds only part of the workspace, and "synced" would be untrue however idle it looks.
	 */
	caughtUp: boolean;
	/** While a pull of more than one page runs: how many of the changes it brings are here. */
	catchUp?: CatchUpProgress;
	lastSyncedAt?: string;
	lastError?: string;
}

export const INITIAL_STATUS: SyncStatus = {
	ready: false,
	online: true,
	signedIn: false,
	needsLogin: false,
	canWrite: true,
	pending: 0,
	conflicts: 0,
	syncing: false,
	caughtUp: false
};
