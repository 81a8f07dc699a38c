import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { StoredEvent } from '../events';
import type { Snapshot } from './snapshot';
import type { StoredCommand } from './stored-command';

export interface MetaEntry {
	key: string;
	value: unknown;
}

/** The device's IndexedDB database. Add a new `version(n)` for every schema change; never edit one. */
export class RewindDatabase extends Dexie {
	declare events: Table<StoredEvent, number>;
	declare commands: Table<StoredCommand, string>;
	declare snapshots: Table<Snapshot, string>;
	declare meta: Table<MetaEntry, string>;

	constructor(name: string, options?: DexieOptions) {
		super(name, options);
		this.version(1).stores({
			// [sync+seq] reads pending events in local order; position orders synced ones.
			events: '++seq, &eventId, &[streamId+version], [sync+seq], position, type',
			commands: '&commandId, streamId',
			snapshots: '&streamId',
			meta: '&key'
		});
	}
}
