import Dexie from 'dexie';
import type { EventStore } from '../eventstore';

/**
 * Work done before signing in was made by the device's anonymous user. When someone signs in,
 * those changes are theirs: the pending events and their commands (which never left the
 * device) take the signed-in user's id, in one transaction, before anything is pushed.
 */
export async function adoptAnonymous(
	store: EventStore,
	anonymousUserId: string,
	userId: string
): Promise<number> {
	const { db } = store;
	const streams = await db.transaction('rw', [db.events, db.commands, db.conflicts], async () => {
		const touched = new Set<string>();
		await db.events
			.where('[sync+seq]')
			.between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
			.filter((event) => event.metadata.userId === anonymousUserId)
			.modify((event) => {
				event.metadata.userId = userId;
				touched.add(event.streamId);
			});
		await db.commands
			.filter((command) => command.userId === anonymousUserId)
			.modify((command) => {
				command.userId = userId;
			});
		await db.conflicts
			.filter((conflict) => conflict.command.userId === anonymousUserId)
			.modify((conflict) => {
				conflict.command.userId = userId;
			});
		return [...touched];
	});
	store.announce(streams, true);
	return streams.length;
}
