import type { AnyAggregate } from '../aggregates';
import { SealedHistoryError } from '../errors';
import { REWOUND, type ReadEvent, type RewoundData } from '../events';

/** What a rewind needs to know of a stream's aggregate: the events that seal its past. */
export type Sealing = Pick<AnyAggregate, 'sealedBy' | 'explainSeal'>;

/**
 * Refuses a rewind to `toVersion` that would leave the last seal behind (DESIGN.md, "Sealed
 * history"): the state at `toVersion` must still rest on the sealing event the state at the head
 * rests on. Without rewinds in between that is `toVersion >= seal.version`; with them, "the last
 * seal" is the last one in the head's effective history, not merely the last in the stream (a
 * seal rewound away, as only a rewind written before seals existed could do, seals nothing).
 * `events` is the stream from version 1 up to the head the rewind is decided on.
 */
export function assertUnsealed(
	sealing: Sealing,
	streamId: string,
	events: readonly ReadEvent[],
	toVersion: number
): void {
	const seal = lastSeal(sealing, events);
	if (!seal) return;
	for (const event of effectiveHistory(events, toVersion)) {
		if (event.version === seal.version) return;
		if (event.version < seal.version) break;
	}
	throw new SealedHistoryError(
		streamId,
		seal.version,
		seal.type,
		toVersion,
		sealing.explainSeal?.(seal.type)
	);
}

/** The sealing event the state at the head rests on, if any. */
export function lastSeal(sealing: Sealing, events: readonly ReadEvent[]): ReadEvent | undefined {
	if (sealing.sealedBy.length === 0) return undefined;
	const head = events.at(-1)?.version ?? 0;
	for (const event of effectiveHistory(events, head)) {
		if (sealing.sealedBy.includes(event.type)) return event;
	}
	return undefined;
}

/**
 * The events the state at `version` is folded from, newest first: a `$Rewound{toVersion}` hands
 * over to the state at its target, as `foldStream` does, and one that points forward is ignored.
 */
function* effectiveHistory(events: readonly ReadEvent[], version: number): Generator<ReadEvent> {
	let at = version;
	while (at > 0) {
		const event = events[at - 1];
		// A stream read from version 1 has its event `v` at index `v - 1`; anything else is a gap.
		if (!event || event.version !== at)
			throw new Error(`Version ${at} is missing from the stream.`);
		if (event.type === REWOUND) {
			const { toVersion } = event.data as RewoundData;
			at = toVersion < at ? toVersion : at - 1;
			continue;
		}
		yield event;
		at--;
	}
}
