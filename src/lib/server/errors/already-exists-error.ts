import { RewindError } from '../../errors';

/** Thrown when signup names a workspace, or a user in a workspace, that is already taken (409). */
export class AlreadyExistsError extends RewindError {
	readonly code = 'already_exists';
}
