import type { WireEvent } from '../../src/lib/protocol';
import { logBatches } from '../shared/realistic-events';

/** `size` realistic events as a device pushes them: new streams, versions from 1. */
export function wireBatch(size: number, deviceId = 'device-bench'): WireEvent[] {
	return logBatches(size).flatMap(({ streamId, events }) =>
		events.map((event, index) => ({
			eventId: crypto.randomUUID(),
			streamId,
			version: index + 1,
			type: event.type,
			schemaVersion: 1,
			data: event.data as Record<string, unknown>,
			metadata: { ...event.metadata, deviceId }
		}))
	);
}
