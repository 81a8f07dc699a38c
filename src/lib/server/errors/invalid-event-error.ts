import { RewindError, type ValidationIssue } from '../../errors';

/**
 * Thrown when a pushed event is refused on its own merits (422): its data fails its type's
 * schema, its type is unknown, or its eventId is already stored with other content.
 */
export class InvalidEventError extends RewindError {
	readonly code = 'invalid_event';

	constructor(
		readonly eventId: string,
		message: string,
		readonly issues: ValidationIssue[] = []
	) {
		super(message);
	}
}
