import { RewindError, type ValidationIssue } from '../../errors';

/** Thrown when a request body or query is malformed: bad JSON, or the wrong shape (400). */
export class InvalidRequestError extends RewindError {
	readonly code = 'invalid_request';

	constructor(
		message: string,
		readonly issues: ValidationIssue[] = []
	) {
		super(message);
	}
}
