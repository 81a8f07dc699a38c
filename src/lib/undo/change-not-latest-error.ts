import { RewindError } from '../errors';

/**
 * Thrown when an undo or redo meant for one change (a toast's button) finds another change on
 * top of it in this tab's stack: undo takes the latest change, so it would take that other one.
 * Nothing was written.
 */
export class ChangeNotLatestError extends RewindError {
	readonly code = 'change_not_latest';

	constructor(
		/** The change the person meant (undefined: already undone, or redone), and the latest. */
		readonly meant: string | undefined,
		readonly latest: string | undefined
	) {
		super(
			meant === undefined
				? 'That change was already undone or redone, so nothing was changed.'
				: `“${meant}” is no longer your latest change (“${latest}” came after it), so nothing ` +
						'was changed. Undo that first, or restore the record from its history.'
		);
	}
}

export function isChangeNotLatestError(error: unknown): error is ChangeNotLatestError {
	return error instanceof ChangeNotLatestError;
}
