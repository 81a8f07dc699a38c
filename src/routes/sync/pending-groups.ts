import type { StoredEvent } from '$lib/events';

/** One record's changes that the server does not have yet. */
export interface PendingGroup {
	streamId: string;
	/** Newest first. */
	events: StoredEvent[];
	/** Where "discard unsynced changes" starts: the record's first pending version. */
	fromVersion: number;
	latestAt: string;
}

/** Pending events by record, the most recently changed record first. */
export function groupPending(events: readonly StoredEvent[]): PendingGroup[] {
	const byStream = new Map<string, StoredEvent[]>();
	for (const event of events) {
		const list = byStream.get(event.streamId) ?? [];
		list.push(event);
		byStream.set(event.streamId, list);
	}
	return [...byStream]
		.map(([streamId, list]) => {
			const newestFirst = [...list].sort((a, b) => b.seq - a.seq);
			return {
				streamId,
				events: newestFirst,
				fromVersion: Math.min(...list.map((event) => event.version)),
				latestAt: newestFirst[0]!.metadata.occurredAt,
				latestSeq: newestFirst[0]!.seq
			};
		})
		.sort((a, b) => b.latestSeq - a.latestSeq)
		.map(({ latestSeq: _, ...group }) => group);
}
