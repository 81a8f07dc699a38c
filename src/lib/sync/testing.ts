import { AggregateRepository } from '../aggregates';
import { accountAggregate, domainAggregates, domainEventTypes, orderAggregate } from '../domain';
import { createEventRegistry } from '../events';
import { EventStore } from '../eventstore';
import { openPgliteDatabase } from '../server/db/pglite-database';
import { silentLogger } from '../server/logger';
import { startSyncServer, type SyncServer } from '../server/sync-server';
import { createCommandRebaser } from '../undo';
import { SyncClient } from './sync-client';
import type { Fetch } from './sync-api';

export const registry = createEventRegistry(domainEventTypes);
export const rebaser = createCommandRebaser(domainAggregates);

/** The real sync server's handlers on an in-memory PGlite, no HTTP in between. */
export async function startTestServer(): Promise<SyncServer> {
	return startSyncServer({
		database: await openPgliteDatabase(),
		registry,
		rateLimit: false,
		logger: silentLogger
	});
}

/** A device: its own IndexedDB database, repositories, and a sync client on the given server. */
export function device(name: string, fetch: Fetch) {
	const store = new EventStore({ name: `${name}-${crypto.randomUUID()}`, registry });
	const deviceId = `device-${name}`;
	const sync = new SyncClient({
		store,
		rebaser,
		deviceId,
		baseUrl: 'http://rewind.test',
		fetch,
		backoff: { baseMs: 5, maxMs: 20 }
	});
	return {
		store,
		sync,
		deviceId,
		orders: new AggregateRepository(store, orderAggregate),
		accounts: new AggregateRepository(store, accountAggregate),
		/** The context a signed-in person's commands carry. */
		as: () => ({ userId: sync.session?.userId ?? 'local-user', deviceId })
	};
}
