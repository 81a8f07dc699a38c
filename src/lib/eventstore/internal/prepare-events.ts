import { EventTooLargeError, ValidationError } from '../../errors';
import type { EventInput, EventRegistry } from '../../events';
import { jsonBytesOver, MAX_EVENT_BYTES } from '../../events/event-size';

export interface PreparedEvent {
	eventId: string;
	type: string;
	schemaVersion: number;
	data: unknown;
	metadata: EventInput['metadata'];
}

/** The widest version a stream can reach: an event is measured as if it had it. */
const WIDEST_VERSION = 2_147_483_647;

/**
 * Validates every event before a transaction opens, so that bad input throws a
 * `ValidationError` having touched nothing, and no zod work happens inside the transaction.
 * An event whose JSON, as it would be pushed, is over `MAX_EVENT_BYTES` throws
 * `EventTooLargeError`: the server would never take it, so it never reaches the outbox.
 */
export function prepareEvents(
	registry: EventRegistry,
	inputs: readonly EventInput[],
	streamId: string
): PreparedEvent[] {
	if (!Array.isArray(inputs)) {
		throw new ValidationError('append needs an array of events.');
	}
	const seen = new Set<string>();
	// Callers may be untyped JavaScript: every field is checked, not trusted.
	return (inputs as readonly unknown[]).map((raw, index) => {
		const input = (raw ?? {}) as Partial<EventInput>;
		const at = (message: string, path: (string | number)[]) =>
			new ValidationError(`Event ${index + 1}: ${message}`, [{ path: [index, ...path], message }]);
		if (typeof input.type !== 'string') throw at('it has no type.', ['type']);
		const eventId = input.eventId ?? crypto.randomUUID();
		if (typeof eventId !== 'string' || eventId.length < 1 || eventId.length > 200) {
			throw at('its eventId must be a string of 1 to 200 characters.', ['eventId']);
		}
		if (seen.has(eventId))
			throw at(`its eventId ${eventId} appears twice in the batch.`, ['eventId']);
		seen.add(eventId);
		const metadata = registry.parseMetadata(input.metadata);
		if (!metadata.success) {
			throw at(`its metadata is not valid: ${metadata.message}.`, ['metadata']);
		}
		const type = input.type;
		let prepared: PreparedEvent;
		try {
			prepared = {
				eventId,
				type,
				schemaVersion: registry.latestVersion(type),
				data: registry.validate(type, input.data),
				metadata: metadata.data
			};
		} catch (error) {
			if (error instanceof Error) throw at(error.message, ['data']);
			throw error;
		}
		const over = jsonBytesOver({ ...prepared, streamId, version: WIDEST_VERSION }, MAX_EVENT_BYTES);
		if (over !== undefined) throw new EventTooLargeError(eventId, over, MAX_EVENT_BYTES);
		return prepared;
	});
}
