import { RewindError } from '../errors';

/**
 * Thrown when undoing (or redoing) a command would also revert a later change to the same
 * record that the undo does not name: someone else's, or the same person's from another tab
 * or device (`byYou`). Nothing was written; `force` makes it an explicit choice.
 */
export class UndoConflictError extends RewindError {
	readonly code = 'undo_conflict';

	constructor(
		readonly streamId: string,
		/** Who changed the record after the command, and when (the latest such change). */
		readonly changedBy: string,
		readonly changedAt: string,
		/** The later change is this person's own, made in another tab or on another device. */
		readonly byYou = false
	) {
		super(
			byYou
				? 'You changed this record again in another tab or on another device. Undoing now ' +
						'would undo that change too; choose "restore anyway" if that is what you want.'
				: `${changedBy} changed this record after you did. Undoing now would undo their change too; ` +
						'choose "restore anyway" if that is what you want.'
		);
	}
}

export function isUndoConflictError(error: unknown): error is UndoConflictError {
	return error instanceof UndoConflictError;
}
