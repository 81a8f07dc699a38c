import { foldStream, type ReadEvent } from '../events';
import type { ProjectedRecord, Projection } from './define-projection';

/** A record's row from all its events up to some version, rewinds resolved. */
export function foldRecord<Row>(
	projection: Projection<Row>,
	events: readonly ReadEvent[]
): ProjectedRecord<Row> | undefined {
	if (events.length === 0) return undefined;
	const evolver = { evolve: projection.evolve as (row: Row, event: unknown) => Row };
	const { state, version } = foldStream(
		evolver,
		{ state: projection.initialState(), version: 0 },
		events
	)!;
	return { version, row: state };
}

/**
 * Folds whole-log events (any order across records, version order within each) into rows.
 * Pure: the same events always give the same rows.
 */
export function foldRecords<Row>(
	projection: Projection<Row>,
	events: readonly ReadEvent[]
): Map<string, ProjectedRecord<Row>> {
	const byStream = new Map<string, ReadEvent[]>();
	for (const event of events) {
		if (!projection.filter(event.streamId)) continue;
		const stream = byStream.get(event.streamId);
		if (stream) stream.push(event);
		else byStream.set(event.streamId, [event]);
	}
	const records = new Map<string, ProjectedRecord<Row>>();
	for (const [streamId, stream] of byStream) {
		stream.sort((a, b) => a.version - b.version);
		const record = foldRecord(projection, stream);
		if (record) records.set(streamId, record);
	}
	return records;
}
