import type { EventMetadata } from '../events';

/** The device time every fixture event claims, so stored and pushed events compare exactly. */
export const OCCURRED_AT = '2024-05-01T10:00:00.000Z';

/** An event's metadata with fresh command and correlation ids; `overrides` wins. */
export function metadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
	return {
		commandId: crypto.randomUUID(),
		correlationId: crypto.randomUUID(),
		userId: 'user-1',
		deviceId: 'device-1',
		occurredAt: OCCURRED_AT,
		...overrides
	};
}
