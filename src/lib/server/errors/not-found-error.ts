import { RewindError } from '../../errors';

/** Thrown when a path names something the caller cannot see: not theirs, or not there (404). */
export class NotFoundError extends RewindError {
	readonly code = 'not_found';
}
