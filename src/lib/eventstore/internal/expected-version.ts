import { ValidationError, VersionConflictError, type ExpectedVersion } from '../../errors';

export function assertExpectedVersionShape(expected: unknown): asserts expected is ExpectedVersion {
	if (expected === 'any' || expected === 'exists') return;
	if (typeof expected === 'number' && Number.isInteger(expected) && expected >= 0) return;
	throw new ValidationError(
		`expectedVersion must be a whole number of at least 0, 'any' or 'exists'; got ${String(expected)}.`,
		[{ path: ['expectedVersion'], message: 'invalid expected version' }]
	);
}

/** Throws `VersionConflictError` unless a stream at `actual` satisfies `expected`. */
export function checkExpectedVersion(
	streamId: string,
	expected: ExpectedVersion,
	actual: number
): void {
	const satisfied =
		expected === 'any' || (expected === 'exists' ? actual > 0 : expected === actual);
	if (!satisfied) throw new VersionConflictError(streamId, expected, actual);
}
