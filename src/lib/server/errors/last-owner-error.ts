import { RewindError } from '../../errors';

/** Thrown when a removal or role change would leave a workspace without an owner (409). */
export class LastOwnerError extends RewindError {
	readonly code = 'last_owner';

	constructor() {
		super(
			'A workspace needs an owner: make someone else an owner first, then change or remove this one.'
		);
	}
}
