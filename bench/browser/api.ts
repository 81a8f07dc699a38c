/** The durability every contestant's write transactions use, set the same way for all. */
export type Durability = 'default' | 'strict' | 'relaxed';

/** A member's sign-in, as `POST /api/auth/login` takes it. */
export interface Credentials {
	workspace: string;
	name: string;
	password: string;
}

export type AppendContestant = 'rewind' | 'raw' | 'dexie' | 'rxdb';

/** What the bench page puts on `window.rewindBench`; every time is in milliseconds. */
export interface BenchApi {
	/** Case 1: one batch of `count` events into a fresh database; the database is deleted after. */
	batchAppend(contestant: AppendContestant, count: number, durability: Durability): Promise<number>;
	/** Case 2: `commands` timed commands on a fresh database, each until visible / committed. */
	singleCommand(
		contestant: 'rewind' | 'raw',
		commands: number,
		durability: Durability
	): Promise<number[]>;
	/** Writes a realistic log of `total` events into Rewind's database `name`; returns its last seq. */
	/** A log of `total` events, pending (never synced), or `synced` (each chunk one receipt). */
	seedLog(name: string, total: number, durability: Durability, synced?: boolean): Promise<number>;
	/** Case 4: `ProjectionRunner.rebuild()` of the given projections over database `name`. */
	rebuild(name: string, projections: ('order-list' | 'account-list')[]): Promise<number>;
	/** Case 4 baseline: one raw IndexedDB cursor over every record of the events store. */
	rawCursorRead(name: string): Promise<{ ms: number; count: number }>;
	/** Case 5 set-up: a long stream with a snapshot 50 events behind its head, and a short one. */
	seedAggregates(name: string, longCount: number, durability: Durability): Promise<void>;
	/** Case 5: the mean time of `loads` `AggregateRepository.load` calls of one stream. */
	aggregateLoad(name: string, stream: 'long' | 'short', loads: number): Promise<number>;
	/** Case 6: reads the whole log with `readAll` and keeps it referenced; returns the count. */
	holdLog(name: string): Promise<number>;
	/** Seq up to which the projection's checkpoint has folded, 0 when there is none. */
	checkpointSeq(name: string, projection: string): Promise<number>;
	deleteDatabase(name: string): Promise<void>;
	/** Case 9: `count` pending events pushed by one `SyncClient.syncNow()` (page on the app's origin). */
	syncCatchUp(count: number, durability: Durability): Promise<{ ms: number; pending: number }>;
	/** Case 11: a fresh device signs in and syncs until the order list has `orders` rows. */
	newDeviceCatchUp(
		credentials: Credentials,
		orders: number,
		durability: Durability
	): Promise<{ ms: number; events: number }>;
	/** Case 11 baseline: the same pull pages with bare fetch into a bare IndexedDB store. */
	rawCatchUp(
		credentials: Credentials,
		durability: Durability
	): Promise<{ ms: number; events: number }>;
	/** Case 10: makes this page a signed-in device; creates a workspace (returns an invite) or joins. */
	fanoutStart(invite?: string): Promise<string>;
	/** Case 10: the absolute time (timeOrigin + now) the order's row shows on this device. */
	fanoutWaitFor(streamId: string): Promise<number>;
	/** Case 10: runs CreateOrder on this device; returns the absolute time of the call. */
	fanoutCommand(streamId: string): Promise<number>;
	/** Case 14 set-up: writes the backups of `names` that this round's restores read. */
	prepareBackups(names: string[]): Promise<{ bytes: number; events: number }[]>;
	/** Case 14: `store.backup.write` of the whole log of `name`. */
	backupWrite(name: string): Promise<{ ms: number; events: number }>;
	/** Case 14: `store.backup.restore` of the backup of `of` into a fresh database. */
	backupRestore(of: string, durability: Durability): Promise<{ ms: number; added: number }>;
	/** Case 14 baseline: the records of `name` written into a fresh raw database in one transaction. */
	rawWrite(name: string, durability: Durability): Promise<{ ms: number; count: number }>;
}

declare global {
	interface Window {
		rewindBench?: BenchApi;
	}
}
