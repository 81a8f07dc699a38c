import { RewindError } from '../../errors';

/** Thrown when the server cannot serve now: it is shutting down or its database is unreachable (503). */
export class UnavailableError extends RewindError {
	readonly code = 'unavailable';
}
