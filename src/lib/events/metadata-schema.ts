import { z } from 'zod';
import type { EventMetadata } from './envelope';

import { MAX_ID_LENGTH, MAX_ISO_TIME_LENGTH } from './envelope-limits';

export { MAX_ID_LENGTH, MAX_ISO_TIME_LENGTH };

const id = z.string().min(1).max(MAX_ID_LENGTH);

/** The shape every event's metadata must have, on the device and on the wire. */
export const eventMetadataSchema = z.strictObject({
	commandId: id,
	correlationId: id,
	causationId: id.optional(),
	userId: id,
	deviceId: id,
	occurredAt: z.iso.datetime({ offset: true }).max(MAX_ISO_TIME_LENGTH)
}) satisfies z.ZodType<EventMetadata>;
