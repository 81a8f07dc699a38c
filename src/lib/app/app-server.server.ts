// The app's composition on the server: Rewind's own event types in the library's sync server.
// Server-only (the `.server` suffix): the hooks and the /api route reach the server through it.
import { domainAggregates, domainEventTypes, domainStreams } from '../domain';
import { createEventRegistry } from '../events';
import { serverHost } from '../server/server-host';

export const appServer = serverHost({
	registry: createEventRegistry(domainEventTypes),
	sealedBy: domainAggregates.flatMap((aggregate) => aggregate.sealedBy),
	streams: domainStreams()
});
