import { categoryOf, REWOUND } from '../../events';
import type { WireEvent } from '../../protocol';
import { InvalidEventError } from '../errors';

/** The app's kinds of record: each stream category, with the event types its streams hold. */
export type StreamKinds = ReadonlyMap<string, ReadonlySet<string>>;

export function streamKindsOf(streams: Readonly<Record<string, readonly string[]>>): StreamKinds {
	return new Map(Object.entries(streams).map(([category, types]) => [category, new Set(types)]));
}

/**
 * Refuses (422) an event on a stream of no category the app has, or of a type its category
 * never holds (`ItemAdded` on an account): every device folding that stream would fail on it
 * for good, and a synced event is never taken back. A rewind belongs to every kind of record.
 */
export function checkStreamKind(streams: StreamKinds, event: WireEvent): void {
	const category = categoryOf(event.streamId);
	const types = streams.get(category);
	if (!types) {
		const known = [...streams.keys()].join(', ');
		throw new InvalidEventError(
			event.eventId,
			`${event.streamId} is not a record this server keeps: stream ids start with one of ${known}, then "-".`,
			[{ path: ['streamId'], message: 'unknown kind of record' }]
		);
	}
	if (event.streamId.length <= category.length + 1) {
		// `order` and `order-` name no record: a record page could never be told apart.
		throw new InvalidEventError(
			event.eventId,
			`${event.streamId} names no record: after "${category}-" comes the record's own id.`,
			[{ path: ['streamId'], message: 'no record id' }]
		);
	}
	if (event.type !== REWOUND && !types.has(event.type)) {
		throw new InvalidEventError(
			event.eventId,
			`${event.type} is not an event of ${category} records, so it cannot be on ${event.streamId}.`,
			[{ path: ['type'], message: `not an event of ${category} records` }]
		);
	}
}
