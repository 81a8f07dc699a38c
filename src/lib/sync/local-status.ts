import type { EventStore } from '../eventstore';
import type { SyncSession } from './session';
import { LAST_SYNCED_AT } from './sync-meta';
import type { SyncStatus } from './sync-status';
import { writeRefusal } from './write-access';

/**
 * What each tab reads for itself: the log's counts, and what the session lets the person do.
 * The store is told to refuse changes the session may not make (`write-access.ts`). `session`
 * is asked once the counts are read, so a sign-in meanwhile is what the status shows.
 */
export async function localStatus(
	store: EventStore,
	session: () => SyncSession | undefined
): Promise<Partial<SyncStatus>> {
	const [pending, conflicts, lastSyncedAt] = await Promise.all([
		store.pendingChanges(),
		store.sync.conflictCount(),
		store.sync.readSetting<string>(LAST_SYNCED_AT)
	]);
	const current = session();
	const refusal = writeRefusal(current);
	store.refuseWrites(refusal);
	return {
		ready: true,
		canWrite: refusal === undefined,
		role: current?.role,
		signedOutBecause: current?.expired ? current.signedOutBecause : undefined,
		pending,
		conflicts,
		signedIn: Boolean(current && !current.expired),
		needsLogin: Boolean(current?.expired),
		caughtUp: Boolean(current?.caughtUp),
		account: current ? { name: current.name, workspace: current.workspace } : undefined,
		...(lastSyncedAt ? { lastSyncedAt } : {})
	};
}
