import type { DeadLetter, Webhook } from '../../protocol';
import type { SqlExecutor } from '../db/database';
import { NotFoundError } from '../errors';
import { toIsoTime } from '../event-log/event-row';

/** What an owner asked for when registering, checked already. */
export interface NewWebhook {
	webhookId: string;
	workspaceId: string;
	createdBy: string;
	url: string;
	eventTypes: readonly string[];
	secret: string;
	/** Deliver the events after this position. */
	after: number;
}

interface WebhookRow {
	id: string;
	url: string;
	event_types: string;
	created_at: Date | string;
	delivered_position: string | number;
	failed_attempts: number;
	last_error: string | null;
	dead_letters: string | number;
}

const WEBHOOK_COLUMNS = `id, url, event_types::text AS event_types, created_at, delivered_position,
	failed_attempts, last_error,
	(SELECT count(*) FROM webhook_dead_letters d WHERE d.webhook_id = webhooks.id) AS dead_letters`;

function toWebhook(row: WebhookRow): Webhook {
	return {
		webhookId: row.id,
		url: row.url,
		eventTypes: JSON.parse(row.event_types) as string[],
		createdAt: toIsoTime(row.created_at),
		deliveredPosition: Number(row.delivered_position),
		failedAttempts: row.failed_attempts,
		lastError: row.last_error,
		deadLetters: Number(row.dead_letters)
	};
}

export async function insertWebhook(sql: SqlExecutor, webhook: NewWebhook): Promise<Webhook> {
	const [row] = await sql.query<WebhookRow>(
		`INSERT INTO webhooks (id, workspace_id, url, event_types, secret, created_by, delivered_position)
		VALUES ($1::text, $2::text, $3::text, $4::text::jsonb, $5::text, $6::text, $7::bigint)
		RETURNING ${WEBHOOK_COLUMNS}`,
		[
			webhook.webhookId,
			webhook.workspaceId,
			webhook.url,
			JSON.stringify(webhook.eventTypes),
			webhook.secret,
			webhook.createdBy,
			webhook.after
		]
	);
	return toWebhook(row!);
}

export async function listWebhooks(sql: SqlExecutor, workspaceId: string): Promise<Webhook[]> {
	const rows = await sql.query<WebhookRow>(
		`SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE workspace_id = $1::text ORDER BY created_at, id`,
		[workspaceId]
	);
	return rows.map(toWebhook);
}

/** The workspace's webhook, or 404: another workspace's webhooks are as good as absent. */
export async function findWebhook(
	sql: SqlExecutor,
	workspaceId: string,
	webhookId: string
): Promise<Webhook> {
	const [row] = await sql.query<WebhookRow>(
		`SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE id = $1::text AND workspace_id = $2::text`,
		[webhookId, workspaceId]
	);
	if (!row) throw new NotFoundError(`This workspace has no webhook ${webhookId}.`);
	return toWebhook(row);
}

/** Deletes the webhook and its dead letters; returns it as it was last. */
export async function deleteWebhook(
	sql: SqlExecutor,
	workspaceId: string,
	webhookId: string
): Promise<Webhook> {
	const webhook = await findWebhook(sql, workspaceId, webhookId);
	await sql.query(`DELETE FROM webhooks WHERE id = $1::text AND workspace_id = $2::text`, [
		webhookId,
		workspaceId
	]);
	return webhook;
}

interface DeadLetterRow {
	position: string | number;
	event_id: string;
	type: string;
	attempts: number;
	last_error: string;
	failed_at: Date | string;
	redelivery_queued: boolean;
}

export async function listDeadLetters(
	sql: SqlExecutor,
	workspaceId: string,
	webhookId: string
): Promise<DeadLetter[]> {
	await findWebhook(sql, workspaceId, webhookId);
	const rows = await sql.query<DeadLetterRow>(
		`SELECT position, event_id, type, attempts, last_error, failed_at, redelivery_queued
		FROM webhook_dead_letters WHERE webhook_id = $1::text ORDER BY position`,
		[webhookId]
	);
	return rows.map((row) => ({
		position: Number(row.position),
		eventId: row.event_id,
		type: row.type,
		attempts: row.attempts,
		lastError: row.last_error,
		failedAt: toIsoTime(row.failed_at),
		redeliveryQueued: row.redelivery_queued
	}));
}

/**
 * Queues dead letters for one more attempt each: the one at `position`, or all of them.
 * Returns how many; 404 for an unknown webhook or a position that is not a dead letter.
 */
export async function queueRedelivery(
	sql: SqlExecutor,
	workspaceId: string,
	webhookId: string,
	position: number | undefined
): Promise<number> {
	await findWebhook(sql, workspaceId, webhookId);
	const rows = await sql.query(
		`UPDATE webhook_dead_letters SET redelivery_queued = true
		WHERE webhook_id = $1::text AND ($2::bigint IS NULL OR position = $2::bigint)
		RETURNING position`,
		[webhookId, position ?? null]
	);
	if (position !== undefined && rows.length === 0) {
		throw new NotFoundError(`Webhook ${webhookId} has no dead letter at position ${position}.`);
	}
	return rows.length;
}
