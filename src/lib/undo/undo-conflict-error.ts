import { RewindError } from '../errors';

/**
 * Where a later change this undo would revert came from, when it is the same person's: another
 * tab of this device, another device, or a reaction (an automatic change, such as an order's
 * payment, made in their name). Absent: someone else's.
 */
export type OwnChangeOrigin = 'other-tab' | 'other-device' | 'reaction';

const OWN_CHANGE_WORDS: Record<OwnChangeOrigin, string> = {
	'other-tab': 'You changed this record again in another tab.',
	'other-device': 'You changed this record again on another device.',
	reaction: 'An automatic change (a payment or refund of an order) came after yours on this record.'
};

/**
 * Thrown when undoing (or redoing) a command would also revert a later change to the same
 * record that the undo does not name: someone else's, or the same person's from another tab,
 * another device or a reaction (`origin`). Nothing was written; `force` makes it an explicit
 * choice.
 */
export class UndoConflictError extends RewindError {
	readonly code = 'undo_conflict';

	constructor(
		readonly streamId: string,
		/** Who changed the record after the command, and when (the latest such change). */
		readonly changedBy: string,
		readonly changedAt: string,
		/** Set when the later change is the same person's: where it came from. */
		readonly origin?: OwnChangeOrigin
	) {
		super(
			origin
				? `${OWN_CHANGE_WORDS[origin]} Undoing now would undo that change too; ` +
						'choose "Restore anyway" if that is what you want.'
				: // The person by name is the page's to say (`changedBy` is an id): an inbox entry
					// names them beside this reason, a toast in words of its own.
					'Someone else changed this record after you did. Undoing now would undo their change ' +
						'too; choose "Restore anyway" if that is what you want.'
		);
	}

	/** The sentence that says where the later change came from, for the same person's. */
	static ownChangeWords(origin: OwnChangeOrigin): string {
		return OWN_CHANGE_WORDS[origin];
	}
}

export function isUndoConflictError(error: unknown): error is UndoConflictError {
	return error instanceof UndoConflictError;
}
