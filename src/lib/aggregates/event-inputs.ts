import type { EventInput } from '../events';
import type { DomainEvent } from './define-aggregate';
import { metadataOf, type IssuedCommand } from './issued-command';

/** The events a decision produced, with the metadata their command gives them. */
export function eventInputsOf(
	events: readonly DomainEvent[],
	issued: IssuedCommand<unknown>
): EventInput[] {
	const metadata = metadataOf(issued);
	return events.map((event) => ({ type: event.type, data: event.data, metadata }));
}
