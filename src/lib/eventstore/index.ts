export {
	EventStore,
	type EventStoreOptions,
	type AppendOptions,
	type AppendResult,
	type ReadStreamOptions,
	type ReadAllOptions
} from './event-store';
export { RewindDatabase, type Checkpoint, type Conflict, type Rewrite } from './database';
export { LOG_START, cursorAfter, type LogCursor } from './log-cursor';
export type { LogChange, LogListener } from './change-feed';
export type { Snapshot } from './snapshot';
export type { StoredCommand } from './stored-command';
export { prepareEvents, type PreparedEvent } from './prepare-events';
export type { CommandRebaser } from './command-rebaser';
export { onResult, type NativeScope } from './native-transaction';
export {
	entryFor,
	isPending,
	overlaps,
	pendingRanges,
	remainder,
	type OutboxEntry
} from './outbox';
export {
	receiptFor,
	receiptRuns,
	recordOf,
	withReceipt,
	type EventRecord,
	type Receipt
} from './receipts';
export { markSynced, outboxOf, removeFromOutbox } from './sync-state-store';
