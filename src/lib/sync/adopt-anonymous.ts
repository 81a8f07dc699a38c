import { pendingRanges, type EventStore } from '../eventstore';

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
	const tables = [db.events, db.outbox, db.conflicts];
	const streams = await db.transaction('rw', tables, async () => {
		const touched = new Set<string>();
		// Pending events never left the device, so they are the only ones that may be rewritten.
		for (const [from, to] of pendingRanges(await db.outbox.toArray(), 0)) {
			await db.events
				.where('seq')
				.between(from, to, true, true)
				.filter((event) => event.metadata.userId === anonymousUserId)
				.modify((event) => {
					event.metadata.userId = userId;
					touched.add(event.streamId);
				});
		}
		await db.outbox
			.filter((entry) => entry.command?.userId === anonymousUserId)
			.modify((entry) => {
				entry.command!.userId = userId;
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
