import { RewindError } from '../../errors';
import type { RevokeReason } from '../../protocol';

/**
 * Thrown when a request has no token, an unknown, revoked or expired one, or wrong credentials
 * (401). `reason` says why a token that once worked no longer does, where the server knows it.
 */
export class UnauthorizedError extends RewindError {
	readonly code = 'unauthorized';

	constructor(
		message: string,
		readonly reason?: RevokeReason
	) {
		super(message);
	}
}
