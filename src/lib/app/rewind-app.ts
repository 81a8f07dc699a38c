import { AggregateRepository } from '../aggregates';
import {
	accountAggregate,
	accountList,
	domainAggregates,
	domainEventTypes,
	orderAggregate,
	orderList
} from '../domain';
import { createEventRegistry } from '../events';
import { EventStore } from '../eventstore';
import { projectionStore } from '../projections';
import { SyncClient } from '../sync';
import { createCommandRebaser, UndoStack } from '../undo';
import { deviceId, LOCAL_USER_ID } from './identity';

const DATABASE = 'rewind';

/** Everything the pages use: one event store per tab and what is built on it. */
export function createRewindApp(options: { database?: string } = {}) {
	const registry = createEventRegistry(domainEventTypes);
	const store = new EventStore({ name: options.database ?? DATABASE, registry });
	const device = deviceId();
	const sync = new SyncClient({
		store,
		rebaser: createCommandRebaser(domainAggregates),
		deviceId: device,
		anonymousUserId: LOCAL_USER_ID,
		baseUrl: location.origin
	});
	/** Who acts: the signed-in user, or this device's anonymous user before anyone signs in. */
	const identity = () => ({ userId: sync.session?.userId ?? LOCAL_USER_ID, deviceId: device });
	return {
		store,
		sync,
		identity,
		orders: new AggregateRepository(store, orderAggregate),
		accounts: new AggregateRepository(store, accountAggregate),
		orderList: projectionStore(store, orderList),
		accountList: projectionStore(store, accountList),
		// Per tab, like the browser's own back button: a reload keeps it, another tab has its own.
		undo: new UndoStack(store, identity, { storage: sessionStorage, key: 'rewind:undo' })
	};
}

export type RewindApp = ReturnType<typeof createRewindApp>;

let app: RewindApp | undefined;

/** The tab's app, made on first use. Only in the browser: the data lives in IndexedDB. */
export function rewindApp(): RewindApp {
	app ??= createRewindApp();
	return app;
}
