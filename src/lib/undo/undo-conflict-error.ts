import { RewindError } from '../errors';

/**
 * Thrown when undoing (or redoing) a command would also revert someone else's later change
 * to the same record. Nothing was written; `force` makes it an explicit choice.
 */
export class UndoConflictError extends RewindError {
	readonly code = 'undo_conflict';

	constructor(
		readonly streamId: string,
		/** Who changed the record after the command, and when (the latest such change). */
		readonly changedBy: string,
		readonly changedAt: string
	) {
		super(
			`${changedBy} changed this record after you did. Undoing now would undo their change too; ` +
				'choose "restore anyway" if that is what you want.'
		);
	}
}

export function isUndoConflictError(error: unknown): error is UndoConflictError {
	return error instanceof UndoConflictError;
}
