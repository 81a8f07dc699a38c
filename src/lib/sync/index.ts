export { SyncClient, type SyncClientOptions, type SyncOutcome } from './sync-client';
export type { SyncStatus } from './sync-status';
export type { CatchUpProgress } from './catch-up-progress';
export type { SyncSession } from './session';
export { SyncApi, type Fetch } from './sync-api';
export { applyPulled, type PullApplied } from './apply-pulled';
export { pendingBatch, markAccepted, type PushBatch } from './push-batch';
export { quarantine } from './quarantine';
export {
	listConflicts,
	retryConflict,
	discardConflict,
	type RetryOptions,
	type RetryOutcome
} from './conflict-inbox';
export {
	SyncCodeLoadError,
	SyncGapError,
	SyncHttpError,
	SyncNetworkError,
	WorkspaceMismatchError,
	isSyncHttpError
} from './sync-errors';
export { adoptAnonymous } from './adopt-anonymous';
export { revokeReasonOf } from './revoke-reason';
export type { CommandRebaser } from './command-rebaser';
export type { Conflict } from '../eventstore';
