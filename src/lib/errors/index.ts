export { RewindError, isRewindError } from './rewind-error';
export { ValidationError, isValidationError, type ValidationIssue } from './validation-error';
export { IllegalStateError, isIllegalStateError } from './illegal-state-error';
export {
	VersionConflictError,
	isVersionConflictError,
	type ExpectedVersion
} from './version-conflict-error';
export { StorageQuotaError, isStorageQuotaError, isQuotaExceeded } from './storage-quota-error';
export { UnknownStreamError, isUnknownStreamError } from './unknown-stream-error';
export { UnknownEventTypeError } from './unknown-event-type-error';
export { SealedHistoryError, isSealedHistoryError } from './sealed-history-error';
export {
	CommandAlreadyStoredError,
	isCommandAlreadyStoredError
} from './command-already-stored-error';
export { ReadOnlyError, isReadOnlyError } from './read-only-error';
export { EventTooLargeError, isEventTooLargeError } from './event-too-large-error';
export { SyncGapError } from './sync-gap-error';
export {
	BackupRefusedError,
	isBackupRefusedError,
	type BackupRefusal
} from './backup-refused-error';
