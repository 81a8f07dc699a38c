import type { EventStore } from '../eventstore';

/**
 * Work done before signing in was made by the device's anonymous user. When someone signs in,
 * those changes are theirs: the pending events and their commands (which never left the
 * device) take the signed-in user's id, in one transaction, before anything is pushed.
 */
export function adoptAnonymous(
	store: EventStore,
	anonymousUserId: string,
	userId: string
): Promise<number> {
	return store.sync.adoptAnonymous(anonymousUserId, userId);
}
