import { z } from 'zod';
import { eventMetadataSchema } from '../events/metadata-schema';
import { MAX_VERSION } from './limits';

const STREAM_ID = /^[A-Za-z0-9_.:-]{1,200}$/;

/**
 * An event as a device pushes it: the envelope the device owns. Keys it does not declare
 * (`seq`, `sync`, and the server's `position`, `recordedAt`, `recordedBy`) are stripped, not
 * refused: a device may send its stored events as they are, and the server never reads them.
 */
export const wireEventSchema = z.object({
	eventId: z.string().min(1).max(200),
	streamId: z.string().regex(STREAM_ID, 'a stream id is 1 to 200 characters of [A-Za-z0-9_.:-]'),
	version: z.int().min(1).max(MAX_VERSION),
	type: z.string().min(1).max(200),
	schemaVersion: z.int().min(1).max(MAX_VERSION),
	/** A JSON object, kept as sent; its type's schema (in the event registry) checks the rest. */
	data: z.custom<Record<string, unknown>>(
		(value) => typeof value === 'object' && value !== null && !Array.isArray(value),
		'data must be a JSON object'
	),
	metadata: eventMetadataSchema
});

export type WireEvent = z.output<typeof wireEventSchema>;

/**
 * Metadata as the server may have stored it: events stored before `occurredAt` was bounded in
 * length are still served, and a pull must read them rather than fail on them forever.
 */
const storedMetadataSchema = eventMetadataSchema.extend({
	occurredAt: z.iso.datetime({ offset: true })
});

/** An event as the server returns it: what was pushed, plus what the server recorded. */
export const syncedEventSchema = z.object({
	...wireEventSchema.shape,
	metadata: storedMetadataSchema,
	position: z.int().positive(),
	recordedAt: z.iso.datetime({ offset: true }),
	recordedBy: z.string().min(1)
});

export type SyncedEvent = z.output<typeof syncedEventSchema>;
