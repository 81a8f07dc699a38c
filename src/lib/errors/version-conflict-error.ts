import { RewindError } from './rewind-error';

export type ExpectedVersion = number | 'any' | 'exists';

/** Thrown when a stream's head is not the version the writer expected; nothing was written. */
export class VersionConflictError extends RewindError {
	readonly code = 'version_conflict';

	constructor(
		readonly streamId: string,
		readonly expectedVersion: ExpectedVersion,
		readonly actualVersion: number
	) {
		super(
			`${streamId} changed while you were editing it: expected ${describe(expectedVersion)}, ` +
				`but it is at version ${actualVersion}. Reload it and try again.`
		);
	}
}

function describe(expected: ExpectedVersion): string {
	if (expected === 'any') return 'any version';
	if (expected === 'exists') return 'an existing record';
	if (expected === 0) return 'a new record';
	return `version ${expected}`;
}

export function isVersionConflictError(error: unknown): error is VersionConflictError {
	return error instanceof VersionConflictError;
}
