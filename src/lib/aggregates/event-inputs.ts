import type { EventInput } from '../events';
import type { CommandContext } from './command-context';
import type { DomainEvent } from './define-aggregate';

/** The events a decision produced, with the metadata its command's context gives them. */
export function eventInputsOf(
	events: readonly DomainEvent[],
	context: CommandContext
): EventInput[] {
	const metadata = {
		commandId: context.commandId,
		correlationId: context.correlationId,
		...(context.causationId ? { causationId: context.causationId } : {}),
		userId: context.userId,
		deviceId: context.deviceId,
		occurredAt: context.now.toISOString()
	};
	return events.map((event) => ({ type: event.type, data: event.data, metadata }));
}
