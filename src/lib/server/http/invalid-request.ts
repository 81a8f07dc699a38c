import type { z } from 'zod';
import { InvalidRequestError } from '../errors';

/** A zod failure as a 400, naming every issue with its path. */
export function invalidRequest(what: string, error: z.ZodError): InvalidRequestError {
	const issues = error.issues.map((issue) => ({
		path: issue.path.filter((key) => typeof key !== 'symbol'),
		message: issue.message
	}));
	const first = issues[0];
	const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
	return new InvalidRequestError(
		`${what} is not valid${where}: ${first?.message ?? 'unknown issue'}.`,
		issues
	);
}
