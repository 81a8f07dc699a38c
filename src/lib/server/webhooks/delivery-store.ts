import type { Database, SqlExecutor } from '../db/database';

/** A webhook as its deliverer sees it, once it holds the lease. */
export interface DeliveryTarget {
	webhookId: string;
	workspaceId: string;
	url: string;
	secret: string;
	deliveredPosition: number;
	failedAttempts: number;
	/** How long until the next attempt is due (a retry's backoff); 0 when it is due now. */
	waitMs: number;
}

/** One event to deliver: its body is the event's JSON exactly as a pull writes it. */
export interface PendingEvent {
	position: number;
	eventId: string;
	type: string;
	body: string;
}

/** Every webhook with its workspace: what the deliverer looks at on its slow timer. */
export async function listDeliveryTargets(
	sql: SqlExecutor
): Promise<{ webhookId: string; workspaceId: string }[]> {
	const rows = await sql.query<{ id: string; workspace_id: string }>(
		`SELECT id, workspace_id FROM webhooks`
	);
	return rows.map((row) => ({ webhookId: row.id, workspaceId: row.workspace_id }));
}

/**
 * Takes or renews the webhook's lease for `owner`, for `leaseMs` from now by the database's
 * clock: it succeeds when the lease is free, ours, or ran out. Undefined when another process
 * holds it, or the webhook is gone.
 */
export async function takeLease(
	sql: SqlExecutor,
	webhookId: string,
	owner: string,
	leaseMs: number
): Promise<DeliveryTarget | undefined> {
	const [row] = await sql.query<{
		id: string;
		workspace_id: string;
		url: string;
		secret: string;
		delivered_position: string | number;
		failed_attempts: number;
		wait_ms: string | number | null;
	}>(
		`UPDATE webhooks
		SET lease_owner = $2::text, lease_until = clock_timestamp() + $3::integer * interval '1 millisecond'
		WHERE id = $1::text
			AND (lease_owner IS NULL OR lease_owner = $2::text OR lease_until < clock_timestamp())
		RETURNING id, workspace_id, url, secret, delivered_position, failed_attempts,
			greatest(0, ceil(extract(epoch FROM next_attempt_at - clock_timestamp()) * 1000)) AS wait_ms`,
		[webhookId, owner, Math.ceil(leaseMs)]
	);
	if (!row) return undefined;
	return {
		webhookId: row.id,
		workspaceId: row.workspace_id,
		url: row.url,
		secret: row.secret,
		deliveredPosition: Number(row.delivered_position),
		failedAttempts: row.failed_attempts,
		waitMs: Number(row.wait_ms ?? 0)
	};
}

/** Lets other processes take this process's webhooks at once, rather than when the leases run out. */
export async function releaseLeases(sql: SqlExecutor, owner: string): Promise<void> {
	await sql.query(
		`UPDATE webhooks SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1::text`,
		[owner]
	);
}

/** Reads one event by position, written by `pull_page` (migration 6), so it is what a pull sends. */
async function readEventAt(
	sql: SqlExecutor,
	workspaceId: string,
	position: number
): Promise<string | undefined> {
	const [row] = await sql.query<{ events: string | null }>(
		`SELECT events FROM pull_page($1::text, $2::bigint, 1, $3::bigint)`,
		[workspaceId, position - 1, Number.MAX_SAFE_INTEGER]
	);
	return row?.events ?? undefined;
}

/** The first event after the checkpoint whose type the webhook asked for, if any. */
export async function nextMatchingEvent(
	sql: SqlExecutor,
	target: DeliveryTarget
): Promise<PendingEvent | undefined> {
	const [row] = await sql.query<{ position: string | number; event_id: string; type: string }>(
		`SELECT e.position, e.event_id, e.type FROM events e, webhooks w
		WHERE w.id = $1::text AND e.workspace_id = $2::text AND e.position > $3::bigint
			AND (w.event_types ? '*' OR w.event_types ? e.type)
		ORDER BY e.position LIMIT 1`,
		[target.webhookId, target.workspaceId, target.deliveredPosition]
	);
	return row && withBody(sql, target.workspaceId, row);
}

async function withBody(
	sql: SqlExecutor,
	workspaceId: string,
	row: { position: string | number; event_id: string; type: string }
): Promise<PendingEvent | undefined> {
	const position = Number(row.position);
	const body = await readEventAt(sql, workspaceId, position);
	return body === undefined ? undefined : { position, eventId: row.event_id, type: row.type, body };
}

/** The first dead letter an owner queued for redelivery, if any. */
export async function nextQueuedRedelivery(
	sql: SqlExecutor,
	target: DeliveryTarget
): Promise<PendingEvent | undefined> {
	const [row] = await sql.query<{ position: string | number; event_id: string; type: string }>(
		`SELECT position, event_id, type FROM webhook_dead_letters
		WHERE webhook_id = $1::text AND redelivery_queued ORDER BY position LIMIT 1`,
		[target.webhookId]
	);
	return row && withBody(sql, target.workspaceId, row);
}

/**
 * Moves the checkpoint past an acknowledged event. Only while `owner` holds the lease and the
 * checkpoint is still before it: a process that lost its lease mid-attempt changes nothing.
 */
export async function recordDelivered(
	sql: SqlExecutor,
	target: DeliveryTarget,
	owner: string,
	position: number
): Promise<void> {
	await sql.query(
		`UPDATE webhooks SET delivered_position = $3::bigint, failed_attempts = 0,
			next_attempt_at = NULL, last_error = NULL
		WHERE id = $1::text AND lease_owner = $2::text AND delivered_position < $3::bigint`,
		[target.webhookId, owner, position]
	);
}

/** Counts a failed attempt at the next event, and when the next one is due. */
export async function recordFailure(
	sql: SqlExecutor,
	target: DeliveryTarget,
	owner: string,
	error: string,
	retryInMs: number
): Promise<void> {
	await sql.query(
		`UPDATE webhooks SET failed_attempts = failed_attempts + 1, last_error = $3::text,
			next_attempt_at = clock_timestamp() + $4::integer * interval '1 millisecond'
		WHERE id = $1::text AND lease_owner = $2::text`,
		[target.webhookId, owner, error, Math.ceil(retryInMs)]
	);
}

/** Gives up on an event: it becomes a dead letter and the checkpoint moves past it, at once. */
export async function recordDeadLetter(
	db: Database,
	target: DeliveryTarget,
	owner: string,
	event: PendingEvent,
	error: string
): Promise<void> {
	await db.transaction(async (tx) => {
		const moved = await tx.query(
			`UPDATE webhooks SET delivered_position = $3::bigint, failed_attempts = 0,
				next_attempt_at = NULL, last_error = $4::text
			WHERE id = $1::text AND lease_owner = $2::text AND delivered_position < $3::bigint
			RETURNING id`,
			[target.webhookId, owner, event.position, error]
		);
		if (moved.length === 0) return;
		await tx.query(
			`INSERT INTO webhook_dead_letters (webhook_id, position, event_id, type, attempts, last_error)
			VALUES ($1::text, $2::bigint, $3::text, $4::text, $5::integer, $6::text)
			ON CONFLICT (webhook_id, position) DO UPDATE SET attempts = webhook_dead_letters.attempts
				+ excluded.attempts, last_error = excluded.last_error, failed_at = now()`,
			[
				target.webhookId,
				event.position,
				event.eventId,
				event.type,
				target.failedAttempts + 1,
				error
			]
		);
	});
}

/** The outcome of a redelivery: acknowledged, it is no longer dead; else it stays, one attempt older. */
export async function recordRedelivery(
	sql: SqlExecutor,
	target: DeliveryTarget,
	position: number,
	error: string | undefined
): Promise<void> {
	if (error === undefined) {
		await sql.query(
			`DELETE FROM webhook_dead_letters WHERE webhook_id = $1::text AND position = $2::bigint`,
			[target.webhookId, position]
		);
		return;
	}
	await sql.query(
		`UPDATE webhook_dead_letters SET redelivery_queued = false, attempts = attempts + 1,
			last_error = $3::text, failed_at = now()
		WHERE webhook_id = $1::text AND position = $2::bigint`,
		[target.webhookId, position, error]
	);
}
