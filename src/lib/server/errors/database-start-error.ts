import { RewindError } from '../../errors';

/** Thrown at start when the database cannot be reached or its data folder cannot be used. */
export class DatabaseStartError extends RewindError {
	readonly code = 'database_unavailable';
}
