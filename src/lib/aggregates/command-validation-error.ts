import type { ZodError } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors';

/** A command that fails its schema, as a `ValidationError` whose issues point at the fields. */
export function commandValidationError(error: ZodError): ValidationError {
	const issues: ValidationIssue[] = error.issues.map((issue) => ({
		path: issue.path.filter((key) => typeof key !== 'symbol'),
		message: issue.message
	}));
	const fields = issues.map((issue) => `${issue.path.join('.') || 'command'}: ${issue.message}`);
	return new ValidationError(`The command is not valid (${fields.join('; ')}).`, issues);
}
