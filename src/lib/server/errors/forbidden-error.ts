import { RewindError } from '../../errors';

/** Thrown when the caller is known but may not do this, e.g. join with an unusable invite (403). */
export class ForbiddenError extends RewindError {
	readonly code = 'forbidden';
}
