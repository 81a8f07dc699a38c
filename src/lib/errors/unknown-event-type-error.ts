import { RewindError } from './rewind-error';

/** Thrown when this build is asked to write an event type it has no schema for. */
export class UnknownEventTypeError extends RewindError {
	readonly code = 'unknown_event_type';

	constructor(readonly type: string) {
		super(`"${type}" is not an event type this version of the app knows.`);
	}
}
