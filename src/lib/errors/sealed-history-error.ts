import { RewindError } from './rewind-error';

/**
 * Thrown by undo, redo and restore (and by a rebase, into the conflict inbox) when the rewind
 * would take a record back to before its last sealing event: a fact others act on, such as a
 * submitted order (DESIGN.md, "Sealed history"). Nothing is written. The message says what to
 * do instead when the aggregate gives the words (`explainSeal`).
 */
export class SealedHistoryError extends RewindError {
	readonly code = 'sealed_history';

	constructor(
		readonly streamId: string,
		/** The version of the sealing event the record's state rests on. */
		readonly sealVersion: number,
		/** Its type, e.g. `OrderSubmitted`. */
		readonly sealType: string,
		/** The version the rewind asked for. */
		readonly toVersion: number,
		message?: string
	) {
		super(
			message ??
				`${streamId} was sealed by ${sealType} at version ${sealVersion}; it can no longer go back to version ${toVersion}.`
		);
	}
}

export function isSealedHistoryError(error: unknown): error is SealedHistoryError {
	return error instanceof SealedHistoryError;
}
