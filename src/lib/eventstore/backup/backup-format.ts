import { z } from 'zod';
import {
	eventMetadataSchema,
	MAX_ID_LENGTH,
	MAX_ISO_TIME_LENGTH,
	type StoredEvent
} from '../../events';
import type { Conflict } from '../conflict';
import type { StoredCommand } from '../stored-command';

// A backup is one NDJSON file (DESIGN.md, "Data that outlives the browser"): a header line,
// then a line per event with its sync state (synced ones in position order, then pending ones in
// local order, each pending command's line after its events), then a line per conflict.

export const BACKUP_FORMAT = 'rewind-backup';
/** Bumped whenever a line changes meaning; a reader refuses versions it does not know. */
export const BACKUP_VERSION = 1;

/** The first line of a backup: what it holds, whose it is, and the SHA-256 of the rest. */
export interface BackupHeader {
	format: typeof BACKUP_FORMAT;
	version: number;
	/** The workspace the log belongs to; null for work made before anyone signed in. */
	workspace: { id: string; name: string } | null;
	/** The device the backup was made on. */
	device: string;
	createdAt: string;
	/** Every event of the workspace up to this server position is in the file. */
	pulledTo: number;
	counts: BackupCounts;
	/** Hex SHA-256 of every byte after the header's line break. */
	sha256: string;
	/** Set on a slice of the log (a repro bundle), not a whole backup. */
	slice?: { streams: number; redacted: boolean };
}

export interface BackupCounts {
	events: number;
	synced: number;
	pending: number;
	commands: number;
	conflicts: number;
}

/** An event as the file keeps it: as stored, without this device's local order (`seq`). */
export type BackupEvent = Omit<StoredEvent, 'seq'>;

export type BackupLine =
	{ event: BackupEvent } | { command: StoredCommand } | { conflict: Conflict };

const id = z.string().min(1).max(MAX_ID_LENGTH);
const time = z.string().min(1).max(MAX_ISO_TIME_LENGTH);
const count = z.number().int().nonnegative();

export const backupHeaderSchema = z.object({
	format: z.literal(BACKUP_FORMAT),
	version: z.number().int().positive(),
	workspace: z.object({ id, name: z.string().max(MAX_ID_LENGTH) }).nullable(),
	device: id,
	createdAt: time,
	pulledTo: count,
	counts: z.object({
		events: count,
		synced: count,
		pending: count,
		commands: count,
		conflicts: count
	}),
	sha256: z.string().regex(/^[0-9a-f]{64}$/),
	slice: z.object({ streams: count, redacted: z.boolean() }).optional()
}) satisfies z.ZodType<BackupHeader>;

const eventSchema = z.object({
	eventId: id,
	streamId: id,
	version: z.number().int().positive(),
	type: id,
	schemaVersion: z.number().int().positive(),
	data: z.unknown(),
	metadata: eventMetadataSchema,
	sync: z.enum(['pending', 'synced']),
	position: z.number().int().positive().optional(),
	recordedAt: time.optional(),
	recordedBy: id.optional()
});

const commandSchema = z.object({
	commandId: id,
	streamId: id,
	command: z.looseObject({ type: z.string().min(1) }),
	correlationId: id,
	causationId: id.optional(),
	reaction: z.object({ name: id, causeCommandId: id }).optional(),
	userId: id,
	deviceId: id,
	issuedAt: time,
	decidedAtVersion: count,
	eventIds: z.array(id)
}) satisfies z.ZodType<StoredCommand>;

const conflictSchema = z.object({
	commandId: id,
	streamId: id,
	command: commandSchema,
	reason: z.string(),
	causedBy: z.object({ userId: id, at: time }).optional(),
	createdAt: time
}) satisfies z.ZodType<Conflict>;

export const backupLineSchema = z.union([
	z.strictObject({ event: eventSchema }),
	z.strictObject({ command: commandSchema }),
	z.strictObject({ conflict: conflictSchema })
]);
