export { rewind, REWIND_COMMAND, type RewindRequest, type RewindCommand } from './rewind';
export {
	UndoStack,
	loadUndoCode,
	type UndoEntry,
	type UndoOptions,
	type UndoOutcome
} from './undo-stack';
export { UndoConflictError, isUndoConflictError } from './undo-conflict-error';
export { ChangeNotLatestError, isChangeNotLatestError } from './change-not-latest-error';
export { createCommandRebaser } from './command-rebaser';
export { forceRewind } from './rewind-decider';
export { lastSeal, type Sealing } from './seal';
