import { RewindError } from '../errors';

/** A pulled event does not continue its stream: the pull is refused whole, nothing applied. */
export class SyncGapError extends RewindError {
	readonly code = 'sync_gap';

	constructor(
		readonly streamId: string,
		readonly localHead: number,
		readonly pulledVersion: number
	) {
		super(
			`The server sent version ${pulledVersion} of ${streamId}, but this device has it up to ` +
				`version ${localHead}. Nothing was applied; sync will try again.`
		);
	}
}

/** The server answered with an error; `status` and the body's `error` code say which. */
export class SyncHttpError extends RewindError {
	readonly code = 'sync_http';

	constructor(
		readonly status: number,
		readonly error: string,
		message: string,
		readonly body: unknown,
		readonly retryAfterMs?: number
	) {
		super(message);
	}
}

/** The request never got an answer: offline, DNS, connection reset. */
export class SyncNetworkError extends RewindError {
	readonly code = 'sync_network';
}

export function isSyncHttpError(error: unknown, status?: number): error is SyncHttpError {
	return error instanceof SyncHttpError && (status === undefined || error.status === status);
}
