/** Base of every error Rewind throws on purpose: `code` is stable, `message` is for people. */
export abstract class RewindError extends Error {
	abstract readonly code: string;

	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = new.target.name;
	}
}

export function isRewindError(error: unknown): error is RewindError {
	return error instanceof RewindError;
}
