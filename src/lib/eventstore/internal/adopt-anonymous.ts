import type { RewindDatabase } from './database';
import { pendingRanges } from './outbox';

/**
 * Makes `userId` the author of the anonymous user's pending work (events, their commands,
 * inbox entries), in one transaction (`store.sync.adoptAnonymous`); returns the streams changed.
 */
export function adoptAnonymousWork(
	db: RewindDatabase,
	anonymousUserId: string,
	userId: string
): Promise<string[]> {
	return db.transaction('rw', [db.events, db.outbox, db.conflicts], async () => {
		const touched = new Set<string>();
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
}
