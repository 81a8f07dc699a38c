import type { ZodError } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors';

/** A command that fails its schema, as a `ValidationError` whose issues point at the fields. */
export function commandValidationError(error: ZodError): ValidationError {
	const issues: ValidationIssue[] = error.issues.map((issue) => ({
		path: issue.path.filter((key) => typeof key !== 'symbol'),
		message: plainWords(issue)
	}));
	const fields = issues.map((issue) => `${issue.path.join('.') || 'command'}: ${issue.message}`);
	return new ValidationError(`The command is not valid (${fields.join('; ')}).`, issues);
}

/** Zod's own wording for the shape of a command is for developers; say it plainly instead. */
function plainWords(issue: ZodError['issues'][number]): string {
	if (issue.path.length === 0 && issue.code === 'invalid_type')
		return 'There is no command to run.';
	if (issue.code === 'unrecognized_keys') {
		return `The command has fields it does not take: ${issue.keys.join(', ')}.`;
	}
	if (issue.code === 'invalid_union' && issue.path.join('.') === 'type') {
		return 'This is not a command this record understands.';
	}
	if (issue.code === 'invalid_union' && issue.path.length === 0) {
		return 'This is not a command this record understands.';
	}
	return issue.message;
}
