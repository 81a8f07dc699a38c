import { RewindError } from '../../errors';

/** Thrown when a request has no token, an unknown, revoked or expired one, or wrong credentials (401). */
export class UnauthorizedError extends RewindError {
	readonly code = 'unauthorized';
}
