import { z } from 'zod';
import type { EventMetadata } from './envelope';

const id = z.string().min(1).max(200);

/** The shape every event's metadata must have, on the device and on the wire. */
export const eventMetadataSchema = z.strictObject({
	commandId: id,
	correlationId: id,
	causationId: id.optional(),
	userId: id,
	deviceId: id,
	occurredAt: z.iso.datetime({ offset: true })
}) satisfies z.ZodType<EventMetadata>;
