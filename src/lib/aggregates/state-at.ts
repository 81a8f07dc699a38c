import { UnknownStreamError, ValidationError } from '../errors';
import { eventTime, type ReadEvent, type VersionedState } from '../events';
import type { EventStore } from '../eventstore';

export type StatePoint = { version: number } | { at: Date };

/**
 * The state a record had at a version, or at a moment (the server's time once synced), folded
 * by `fold` from version 0. `AggregateRepository.stateAt` loads this with its first use.
 */
export async function stateAt<State>(
	store: EventStore,
	streamId: string,
	point: StatePoint,
	fold: (events: readonly ReadEvent[]) => VersionedState<State>
): Promise<VersionedState<State>> {
	const head = await store.streamVersion(streamId);
	if (head === 0) throw new UnknownStreamError(streamId);
	if ('version' in point) {
		if (!Number.isInteger(point.version) || point.version < 0 || point.version > head) {
			throw new ValidationError(
				`${streamId} has versions 0 to ${head}; there is no version ${point.version}.`,
				[{ path: ['version'], message: 'version out of range' }]
			);
		}
		return fold(await store.readStream(streamId, { toVersion: point.version }));
	}
	const at = point.at.getTime();
	if (Number.isNaN(at)) throw new ValidationError('stateAt needs a valid date.');
	const events = await store.readStream(streamId);
	const until = events.findIndex((event) => Date.parse(eventTime(event)) > at);
	return fold(until === -1 ? events : events.slice(0, until));
}
