import { foldStream, REWOUND, type ReadEvent } from '../events';
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
 * A record's row after more of its events, or 'refold' when they do not continue it (a
 * rewind, a gap): then only a fold of its stream from the start says what the row is.
 */
export function continueRecord<Row>(
	projection: Projection<Row>,
	record: ProjectedRecord<Row> | undefined,
	events: readonly ReadEvent[]
): ProjectedRecord<Row> | 'refold' {
	let folded = record;
	for (const event of events) {
		if (event.type === REWOUND || (folded?.version ?? 0) !== event.version - 1) return 'refold';
		const row = folded?.row ?? projection.initialState();
		folded = {
			version: event.version,
			row: event.unknownType ? row : projection.evolve(row, event)
		};
	}
	return folded ?? 'refold';
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
