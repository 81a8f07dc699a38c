import { RewindError } from './rewind-error';

/**
 * Thrown when a change is made on a device whose signed-in person may only view the
 * workspace: it is refused before anything is written, so no pending work is made that the
 * server would never take.
 */
export class ReadOnlyError extends RewindError {
	readonly code = 'read_only';

	constructor(message = 'You can view this workspace but not change it.') {
		super(message);
	}
}

export function isReadOnlyError(error: unknown): error is ReadOnlyError {
	return error instanceof ReadOnlyError;
}
