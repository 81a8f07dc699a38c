import { RewindError } from '../../errors';
import type { StreamConflict } from '../../protocol';

/** Thrown when pushed events do not follow the server's head of their stream (409); nothing was stored. */
export class PushConflictError extends RewindError {
	readonly code = 'version_conflict';

	constructor(readonly conflicts: StreamConflict[]) {
		super(
			`${conflicts.length} stream(s) changed on the server since these events were made: ` +
				conflicts
					.map((c) => `${c.streamId} is at ${c.actualVersion}, not ${c.expectedVersion}`)
					.join('; ') +
				'. Pull, rebase and push again.'
		);
	}
}
