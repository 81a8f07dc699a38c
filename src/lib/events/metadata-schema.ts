import { z } from 'zod';
import type { EventMetadata } from './envelope';

/** The longest id an envelope holds: commandId, correlationId, userId and their kin. */
export const MAX_ID_LENGTH = 200;

/** `toISOString` writes 24 characters; more digits of a second fit, a megabyte of them does not. */
export const MAX_ISO_TIME_LENGTH = 40;

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
