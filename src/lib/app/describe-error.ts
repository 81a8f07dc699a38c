import {
	isEventTooLargeError,
	isIllegalStateError,
	isReadOnlyError,
	isSealedHistoryError,
	isStorageQuotaError,
	isValidationError,
	isVersionConflictError
} from '../errors';
import { isChangeNotLatestError, isUndoConflictError } from '../undo';

/** A sentence a shop assistant understands, for any error a command can end in. */
export function describeError(error: unknown): string {
	if (isStorageQuotaError(error)) {
		return `${error.message} The Sync page shows how much room is left, and lets you back up your work.`;
	}
	// A seal's message is the domain's own words: why, and what to do instead.
	if (
		isIllegalStateError(error) ||
		isReadOnlyError(error) ||
		isSealedHistoryError(error) ||
		isEventTooLargeError(error) ||
		isUndoConflictError(error) ||
		isChangeNotLatestError(error)
	) {
		return error.message;
	}
	if (isVersionConflictError(error)) {
		return 'Someone changed this record at the same moment. Your change was not saved; please try again.';
	}
	if (isValidationError(error)) return 'Some fields need attention.';
	console.error(error);
	return 'Something went wrong and nothing was saved. Please try again.';
}

/** Field errors by dotted path (`address.city`), for inline messages next to inputs. */
export function fieldErrors(error: unknown): Record<string, string> {
	if (!isValidationError(error)) return {};
	const errors: Record<string, string> = {};
	for (const issue of error.issues) errors[issue.path.join('.')] ??= issue.message;
	return errors;
}
