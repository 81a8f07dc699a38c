import { RewindError } from './rewind-error';

/**
 * Thrown by `decide` when a command breaks a business rule in the record's current state
 * (submitting an empty order, withdrawing more than the balance). The message is shown to the user.
 */
export class IllegalStateError extends RewindError {
	readonly code = 'illegal_state';
}

export function isIllegalStateError(error: unknown): error is IllegalStateError {
	return error instanceof IllegalStateError;
}
