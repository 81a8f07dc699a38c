import type { RewindDatabase } from './database';
import { entriesOf, pendingRanges, type OutboxEntry } from './outbox';

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
		// A record may hold a stream's run of entries (a restore's): each one's command changes.
		const anonymous = (entry: OutboxEntry) => entry.command?.userId === anonymousUserId;
		await db.outbox
			.filter((record) => entriesOf([record]).some(anonymous))
			.modify((record) => {
				for (const entry of entriesOf([record]).filter(anonymous)) entry.command!.userId = userId;
			});
		await db.conflicts
			.filter((conflict) => conflict.command.userId === anonymousUserId)
			.modify((conflict) => {
				conflict.command.userId = userId;
			});
		return [...touched];
	});
}
