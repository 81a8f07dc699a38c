import { RewindError } from './rewind-error';

/**
 * Thrown when one event's JSON is over the byte limit (`MAX_EVENT_BYTES`): by the event store
 * at append, before anything is written, and by the server for a pushed event (413 with its
 * `eventId`). No smaller batch helps: the event itself can never be stored.
 */
export class EventTooLargeError extends RewindError {
	readonly code = 'event_too_large';

	constructor(
		readonly eventId: string,
		/** The event's JSON in UTF-8 bytes. */
		readonly bytes: number,
		readonly limit: number
	) {
		super(
			`This change is too large to store: ${bytes} bytes, where one event may hold at most ${limit}. ` +
				'Shorten the longest text in it.'
		);
	}
}

export function isEventTooLargeError(error: unknown): error is EventTooLargeError {
	return error instanceof EventTooLargeError;
}
