import { RewindError } from './rewind-error';

/** Thrown when a record is asked for that this device has never seen. */
export class UnknownStreamError extends RewindError {
	readonly code = 'unknown_stream';

	constructor(readonly streamId: string) {
		super(`There is no record ${streamId} on this device.`);
	}
}

export function isUnknownStreamError(error: unknown): error is UnknownStreamError {
	return error instanceof UnknownStreamError;
}
