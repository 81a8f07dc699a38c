import type { AcceptedEvent, StreamConflict, WireEvent } from '../../protocol';
import { sqlStateOf, UNIQUE_VIOLATION, type Database, type SqlExecutor } from '../db/database';
import { InvalidEventError, PushConflictError } from '../errors';
import { toIsoTime } from './event-row';
import { HEAD_CHANNEL } from './head-channel';
import { checkSeals } from './check-seals';
import { findBatchKeys } from './key-lookups';
import { readHead } from './read-head';
import { sameJson } from '../../events';

export interface AppendBatch {
	workspaceId: string;
	/** The authenticated user: recorded as `recordedBy`, whatever the events' metadata says. */
	userId: string;
	deviceId: string;
	/** Checked already: shape, data against the registry, versions consecutive per stream. */
	events: readonly WireEvent[];
	/** `JSON.stringify` of each of `events`, when the caller made it already (the push's size check). */
	eventJson?: readonly string[];
	recordedAt: string;
	/** Event types that seal their stream's past: a rewind past one is refused (`checkSeals`). */
	sealedBy?: ReadonlySet<string>;
	/**
	 * Checks again, inside the transaction, that the pusher may still push (the auth layer's
	 * `confirmCaller`): a push whose body took minutes to arrive must not land after its
	 * author was removed, made a viewer or signed out. Throws to refuse, writing nothing.
	 */
	confirm?: (tx: SqlExecutor) => Promise<void>;
}

export interface AppendOutcome {
	/** One per pushed event, in the batch's order. */
	accepted: AcceptedEvent[];
	head: number;
	/** How many events were new; the rest were already stored. */
	appended: number;
}

/**
 * Stores a batch atomically. Appends of one workspace are serialised by an advisory lock held
 * until commit, so positions become visible in the order they were handed out and a pull
 * never steps over a position that commits later. Events already stored under their eventId
 * with the same content are acknowledged again; the unique constraints stay the last word.
 */
export async function appendEvents(db: Database, batch: AppendBatch): Promise<AppendOutcome> {
	try {
		return await db.transaction((tx) => appendInTransaction(tx, batch));
	} catch (error) {
		// Unreachable while the lock holds; retrying turns a race into the right answer anyway.
		if (sqlStateOf(error) !== UNIQUE_VIOLATION) throw error;
		return db.transaction((tx) => appendInTransaction(tx, batch));
	}
}

async function appendInTransaction(tx: SqlExecutor, batch: AppendBatch): Promise<AppendOutcome> {
	const { workspaceId, events } = batch;
	await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))`, [
		`rewind:events:${workspaceId}`
	]);
	await batch.confirm?.(tx);

	// Asked for every stream of the batch, before knowing which events are new: one round trip.
	const { stored, heads } = await findBatchKeys(
		tx,
		workspaceId,
		events.map((event) => event.eventId),
		[...new Set(events.map((event) => event.streamId))]
	);
	const storedById = new Map(stored.map((row) => [row.event_id, row]));
	const fresh = events.filter((event) => {
		const row = storedById.get(event.eventId);
		if (!row) return true;
		if (
			row.stream_id !== event.streamId ||
			row.version !== event.version ||
			row.type !== event.type ||
			!sameJson(row.data, event.data)
		) {
			throw new InvalidEventError(
				event.eventId,
				`The eventId ${event.eventId} is already stored with other content; an eventId names one fact forever.`,
				[{ path: ['eventId'], message: 'eventId reused with different content' }]
			);
		}
		return false;
	});

	if (fresh.length > 0) checkVersions(heads, fresh);
	if (batch.sealedBy) await checkSeals(tx, workspaceId, fresh, batch.sealedBy);

	const positions = new Map<string, { position: number; recordedAt: string }>();
	for (const row of stored) {
		positions.set(row.event_id, {
			position: Number(row.position),
			recordedAt: toIsoTime(row.recorded_at)
		});
	}

	let head: number;
	if (fresh.length === 0) {
		head = await readHead(tx, workspaceId);
	} else {
		const inserted = await insertEvents(tx, batch, fresh);
		head = 0;
		for (const row of inserted) {
			const position = Number(row.position);
			positions.set(row.event_id, { position, recordedAt: batch.recordedAt });
			head = Math.max(head, position);
		}
	}

	return {
		accepted: events.map((event) => ({ eventId: event.eventId, ...positions.get(event.eventId)! })),
		head,
		appended: fresh.length
	};
}

/** Every stream's new events must start right after the stream's head; collects all that do not. */
function checkVersions(headOf: ReadonlyMap<string, number>, fresh: readonly WireEvent[]): void {
	const firstVersion = new Map<string, number>();
	for (const event of fresh) {
		if (!firstVersion.has(event.streamId)) firstVersion.set(event.streamId, event.version);
	}
	const conflicts: StreamConflict[] = [];
	for (const [streamId, version] of firstVersion) {
		const actualVersion = headOf.get(streamId) ?? 0;
		if (version !== actualVersion + 1) {
			conflicts.push({ streamId, expectedVersion: version - 1, actualVersion });
		}
	}
	if (conflicts.length > 0) throw new PushConflictError(conflicts);
}

/**
 * One multi-row INSERT for the whole batch, the events passed as one JSON array of their wire
 * form (each event's JSON as the push's size check made it, not serialised again). Positions are
 * handed out in the array's order, so within a stream a later version always has a later position.
 * The same statement tells every process listening on the database the workspace's new head
 * (delivered on commit; `decodeHeadChange` reads it): one round trip for both.
 */
async function insertEvents(
	tx: SqlExecutor,
	batch: AppendBatch,
	fresh: readonly WireEvent[]
): Promise<{ event_id: string; position: string | number }[]> {
	const indexOf = new Map(batch.events.map((event, index) => [event, index]));
	const json = fresh.map(
		(event) => batch.eventJson?.[indexOf.get(event)!] ?? JSON.stringify(event)
	);
	return tx.query(
		`WITH inserted AS (
			INSERT INTO events (workspace_id, stream_id, version, event_id, type, schema_version,
				data, metadata, device_id, recorded_at, recorded_by)
			SELECT $1::text, r."streamId", r.version, r."eventId", r.type, r."schemaVersion",
				r.data, r.metadata, $2::text, $3::timestamptz, $4::text
			FROM ROWS FROM (jsonb_to_recordset($5::text::jsonb) AS ("eventId" text, "streamId" text,
				version integer, type text, "schemaVersion" integer, data jsonb, metadata jsonb))
				WITH ORDINALITY AS r("eventId", "streamId", version, type, "schemaVersion", data, metadata, ord)
			ORDER BY r.ord
			RETURNING event_id, position
		), notified AS (
			SELECT pg_notify($6::text, json_build_object('workspaceId', $1::text, 'head', max(position))::text)
			FROM inserted
		)
		SELECT inserted.event_id, inserted.position FROM inserted CROSS JOIN notified`,
		[
			batch.workspaceId,
			batch.deviceId,
			batch.recordedAt,
			batch.userId,
			`[${json.join(',')}]`,
			HEAD_CHANNEL
		]
	);
}
