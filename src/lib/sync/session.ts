import type { EventStore } from '../eventstore';
import type { RevokeReason, Role } from '../protocol';
import { SESSION } from './sync-meta';

/** Who this device syncs as: kept in IndexedDB, so every tab and every reload shares it. */
export interface SyncSession {
	token: string;
	userId: string;
	workspaceId: string;
	/** As the person typed them, for the sync page and the login form. */
	workspace: string;
	name: string;
	/**
	 * What the person may do, from sign-in, refreshed from the members list and set to
	 * `viewer` by a push answered 403. Missing for sign-ins older than roles: then writable.
	 */
	role?: Role;
	/** True once the server refused the token (expired, revoked): sign in again. */
	expired?: boolean;
	/** Why, when the server said (`removed`, `revoked`, `password_changed`, `expired`). */
	signedOutBecause?: RevokeReason;
	/** True once a pull with this sign-in reached the server's head (`SyncStatus.caughtUp`). */
	caughtUp?: boolean;
}

export function loadSession(store: EventStore): Promise<SyncSession | undefined> {
	return store.sync.readSetting<SyncSession>(SESSION);
}

export function saveSession(store: EventStore, session: SyncSession | undefined): Promise<void> {
	return store.sync.writeSetting(SESSION, session);
}
