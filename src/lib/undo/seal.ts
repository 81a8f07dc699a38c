import type { AnyAggregate } from '../aggregates';
import { SealedHistoryError } from '../errors';
import {
	REWOUND,
	restingSeal,
	sealLeftBehind,
	type ReadEvent,
	type RewoundData,
	type SealedStream
} from '../events';

/** What a rewind needs to know of a stream's aggregate: the events that seal its past. */
export type Sealing = Pick<AnyAggregate, 'sealedBy' | 'explainSeal'>;

/**
 * Refuses a rewind to `toVersion` that would leave the last seal behind (DESIGN.md, "Sealed
 * history", the rule in `events/sealed-history.ts`): the state at `toVersion` must still rest
 * on the sealing event the state at the head rests on. `events` is the stream from version 1
 * up to the head the rewind is decided on.
 */
export function assertUnsealed(
	sealing: Sealing,
	streamId: string,
	events: readonly ReadEvent[],
	toVersion: number
): void {
	if (sealing.sealedBy.length === 0) return;
	const seal = sealLeftBehind(
		sealedStream(sealing, events),
		events.at(-1)?.version ?? 0,
		toVersion
	);
	if (seal === undefined) return;
	const type = events[seal - 1]!.type;
	throw new SealedHistoryError(streamId, seal, type, toVersion, sealing.explainSeal?.(type));
}

/** The sealing event the state at the head rests on, if any. */
export function lastSeal(sealing: Sealing, events: readonly ReadEvent[]): ReadEvent | undefined {
	if (sealing.sealedBy.length === 0) return undefined;
	const seal = restingSeal(sealedStream(sealing, events), events.at(-1)?.version ?? 0);
	return seal === undefined ? undefined : events[seal - 1];
}

/** A stream read from version 1, which has its event `v` at index `v - 1`; anything else is a gap. */
function sealedStream(sealing: Sealing, events: readonly ReadEvent[]): SealedStream {
	const at = (version: number) => {
		const event = events[version - 1];
		if (!event || event.version !== version)
			throw new Error(`Version ${version} is missing from the stream.`);
		return event;
	};
	return {
		rewindAt(version) {
			const event = at(version);
			return event.type === REWOUND ? (event.data as RewoundData).toVersion : undefined;
		},
		sealAt: (version) => sealing.sealedBy.includes(at(version).type)
	};
}
