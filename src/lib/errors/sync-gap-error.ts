import { RewindError } from './rewind-error';

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
