import type { EventStore } from '../eventstore';
import { SESSION } from './sync-meta';

/** Who this device syncs as: kept in IndexedDB, so every tab and every reload shares it. */
export interface SyncSession {
	token: string;
	userId: string;
	workspaceId: string;
	/** As the person typed them, for the sync page and the login form. */
	workspace: string;
	name: string;
	/** True once the server refused the token (expired, revoked): sign in again. */
	expired?: boolean;
	/** True once a pull with this sign-in reached the server's head (`SyncStatus.caughtUp`). */
	caughtUp?: boolean;
}

export async function loadSession(store: EventStore): Promise<SyncSession | undefined> {
	return (await store.db.meta.get(SESSION))?.value as SyncSession | undefined;
}

export async function saveSession(
	store: EventStore,
	session: SyncSession | undefined
): Promise<void> {
	if (session) await store.db.meta.put({ key: SESSION, value: session });
	else await store.db.meta.delete(SESSION);
}
