import { derived } from 'svelte/store';
import { AggregateRepository, loadCommandPath } from '../aggregates';
import { accountAggregate } from '../domain/accounts/aggregate';
import { domainAggregates } from '../domain/aggregates';
import { loadWriteModel } from '../domain/deferred-write-model';
import { domainEventVersions } from '../domain/event-catalogue';
import { orderAggregate } from '../domain/orders/aggregate';
import { accountList } from '../domain/projections/account-list';
import { orderList } from '../domain/projections/order-list';
import { seriesNumbers } from '../domain/projections/series-numbers';
import { deferEventRegistry } from '../events/deferred-registry';
import { EventStore, loadAppendCode } from '../eventstore';
import { readModelStore, type AnyReadModelStore } from '../projections';
import { SyncClient, type WorkspaceMismatchError } from '../sync';
import { createCommandRebaser, loadUndoCode, UndoStack } from '../undo';
import { deviceId, LOCAL_USER_ID } from './identity';
import { startReactions } from './start-reactions';
import { seriesRepository } from './issue-order-number';
import { numberBookStore } from './number-book-store';
import { StorageGuard } from './storage/storage-guard';
import { browserStorage } from './storage/storage-report';
import { activate, activeDatabase, databaseOf } from './workspace-databases';

/** The code a change runs beyond the write model: the append, the command path, undo's. */
function loadWritePath(): Promise<unknown> {
	return Promise.all([
		loadAppendCode(),
		loadCommandPath(),
		loadUndoCode(),
		import('./undo-actions')
	]);
}

/** Everything the pages use: one event store per tab and what is built on it. */
export function createRewindApp(options: { database?: string } = {}) {
	// Zod, the schemas and the deciders load with the first command or pull, not the first page;
	// and with them the rest of what a change and its undo run, so that a tab that has pulled
	// once can write and undo offline even where no service worker has cached the app.
	const registry = deferEventRegistry(domainEventVersions, () =>
		Promise.all([loadWriteModel(), loadWritePath()]).then(([model]) => model.createDomainRegistry())
	);
	const device = deviceId();
	// Decides a pending command again on a record that moved on: a pull's rebase, a restore's.
	const rebaser = createCommandRebaser(domainAggregates);
	const open = (database: string) => {
		const store = new EventStore({ name: database, registry });
		const sync = new SyncClient({
			store,
			rebaser,
			deviceId: device,
			anonymousUserId: LOCAL_USER_ID,
			baseUrl: location.origin
		});
		return { store, sync };
	};
	const { store, sync } = open(options.database ?? activeDatabase());

	/**
	 * A sign-in to another workspace than this log's: that workspace's own log takes the
	 * session and becomes the one the app opens. The caller reloads the page.
	 */
	async function switchWorkspace(error: WorkspaceMismatchError): Promise<void> {
		const database = databaseOf(error.session.workspaceId, error.boundWorkspaceId);
		const other = open(database);
		try {
			await other.sync.useSession(error.session);
		} finally {
			other.sync.stop();
			other.store.close();
		}
		activate(database);
	}
	// In IndexedDB, not in memory: a list reads the page it shows (a million events fit).
	const orderListModel = readModelStore(store, orderList);
	const accountListModel = readModelStore(store, accountList);
	const orders = new AggregateRepository(store, orderAggregate);
	const accounts = new AggregateRepository(store, accountAggregate);
	const seriesNumbersModel = readModelStore(store, seriesNumbers);
	/** Who acts: the signed-in user, or this device's anonymous user before anyone signs in. */
	const identity = () => ({ userId: sync.session?.userId ?? LOCAL_USER_ID, deviceId: device });
	return {
		store,
		sync,
		/**
		 * Whether the person here may make changes: every page asks this one place. False for a
		 * viewer (and a removed person); the store refuses their changes too (`ReadOnlyError`).
		 * Undefined until the session is read, so a viewer's page never flashes a form.
		 */
		canWrite: derived(sync.status, (status) => (status.ready ? status.canWrite : undefined)),
		identity,
		rebaser,
		switchWorkspace,
		orders,
		accounts,
		/** Starts the app's reactions (the pay-from-account saga) in one tab; returns the stop. */
		startReactions: () => startReactions({ store, orders, accounts }, device),
		/** This device's series of order numbers (`seriesStreamOf`), one stream per device. */
		series: seriesRepository(store),
		orderList: orderListModel,
		accountList: accountListModel,
		/** Which record holds which number: `$numberBook.numberOf(streamId)`. */
		numberBook: numberBookStore(seriesNumbersModel),
		/** The read models made with the app, for the inspector (the customers' are `customerApp`'s). */
		readModels: [orderListModel, accountListModel, seriesNumbersModel] as AnyReadModelStore[],
		// Per tab, like the browser's own back button: a reload keeps it, another tab has its own.
		undo: new UndoStack(store, domainAggregates, identity, {
			storage: sessionStorage,
			key: 'rewind:undo'
		}),
		// The one copy of unsynced work lives here: whether the browser keeps it, and for how long.
		storage: new StorageGuard({
			env: browserStorage(),
			memory: localStorage,
			oldestPending: async () => (await store.readPending({ limit: 1 }))[0]?.metadata.occurredAt,
			subscribe: (listener) => store.subscribe(listener)
		})
	};
}

export type RewindApp = ReturnType<typeof createRewindApp>;

let app: RewindApp | undefined;

/** The tab's app, made on first use. Only in the browser: the data lives in IndexedDB. */
export function rewindApp(): RewindApp {
	app ??= createRewindApp();
	return app;
}
