import { RewindError } from '../../errors';

/** Thrown at start when an environment variable has a value the server cannot use. */
export class ConfigError extends RewindError {
	readonly code = 'invalid_config';
}
