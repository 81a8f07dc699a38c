import { eventTime, type ReadEvent } from '../events';
import type { EventStore } from '../eventstore';
import type { Projection } from './define-projection';
import { foldRecords } from './fold-records';

export type AsOf = { at: Date } | { position: number };

/**
 * A projection's rows as they were at a moment (the server's time once synced, else the
 * device's) or at a server position. Each record is cut at its first event after the point,
 * as a record's history reads, so a record's own order is never broken.
 */
export async function projectionAsOf<Row>(
	store: EventStore,
	projection: Projection<Row>,
	point: AsOf
): Promise<ReadonlyMap<string, Row>> {
	const events = await store.readAll();
	const stopped = new Set<string>();
	const kept: ReadEvent[] = [];
	for (const event of events) {
		if (stopped.has(event.streamId)) continue;
		if (after(event, point)) stopped.add(event.streamId);
		else kept.push(event);
	}
	const records = foldRecords(projection, kept);
	return new Map(Array.from(records, ([streamId, record]) => [streamId, record.row]));
}

function after(event: ReadEvent, point: AsOf): boolean {
	if ('position' in point) return event.position === undefined || event.position > point.position;
	return Date.parse(eventTime(event)) > point.at.getTime();
}
