// The event store: the device's log and all of its pending state. The tables and their layout
// (outbox runs, receipts, the Dexie schema, the native transactions) live in `internal/`, which
// nothing outside this folder imports: other layers write them only through `EventStore` and
// its sync facet, `store.sync` (`StoreSync`).

export {
	EventStore,
	loadAppendCode,
	type EventStoreOptions,
	type AppendOptions,
	type AppendResult,
	type ReadStreamOptions,
	type ReadAllOptions
} from './event-store';
export { StoreSync, type Acknowledgement } from './store-sync';
export {
	StoreInspect,
	type LogOverview,
	type PendingChange,
	type StreamPage,
	type StreamSummary
} from './store-inspect';
export { StoreBackup } from './store-backup';
// Types only: the backup's code loads when first used (`store.backup`).
export type { BackupHeader, BackupCounts } from './backup/backup-format';
export type { BackupFile, BackupOptions } from './backup/write-backup';
export type { BackupWorkspace } from './backup/check-backup';
export type { RestoreOptions, RestoreOutcome } from './backup/restore-backup';
export type { RemoteApplied, RemoteEvent } from './remote-event';
export { rebase, type Rebased, type RebasedEvent, type RebaseInput, type Redecide } from './rebase';
export type { Conflict } from './conflict';
export type { Rewrite } from './rewrite';
export { LOG_START, cursorAfter, type LogCursor } from './log-cursor';
export type { LogChange, LogListener } from './change-feed';
export type { Snapshot } from './snapshot';
export {
	ReadModelStorage,
	sameState,
	type ReadModelEntry,
	type ReadModelPage,
	type ReadModelRecord,
	type ReadModelState
} from './read-model-storage';
export type { StoredCommand, ReactionLink } from './stored-command';
