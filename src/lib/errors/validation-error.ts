import { RewindError } from './rewind-error';

export interface ValidationIssue {
	path: (string | number)[];
	message: string;
}

/** Thrown when input (a command, an event's data, a stream id) does not have the required shape. */
export class ValidationError extends RewindError {
	readonly code = 'validation_failed';

	constructor(
		message: string,
		readonly issues: ValidationIssue[] = []
	) {
		super(message);
	}
}

export function isValidationError(error: unknown): error is ValidationError {
	return error instanceof ValidationError;
}
