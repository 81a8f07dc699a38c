import { ValidationError } from '../../errors';

/** Refuses a count or a version that is not a whole number of at least 1 (`ValidationError`). */
export function assertPositiveInteger(value: unknown, name: string): void {
	if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return;
	throw new ValidationError(`${name} must be a whole number of at least 1; got ${String(value)}.`, [
		{ path: [name], message: 'not a positive integer' }
	]);
}
