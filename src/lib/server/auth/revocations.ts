import type { SqlExecutor } from '../db/database';

/**
 * The NOTIFY channel of changes to what a person may do (sessions revoked, removed, role
 * changed), shared by every server process on a database.
 */
export const REVOKE_CHANNEL = 'rewind_revoke';

/**
 * Tells every server process that what `userId` may do changed (some sessions ended, they were
 * removed, their role changed), so each forgets the sessions it cached for them and checks their
 * open live streams at once. Delivered when the transaction commits.
 */
export async function notifyAccessChanged(sql: SqlExecutor, userId: string): Promise<void> {
	await sql.query(`SELECT pg_notify($1::text, $2::text)`, [
		REVOKE_CHANNEL,
		JSON.stringify({ userId })
	]);
}

/** Undefined for a payload that is not ours: the channel is shared with whatever else uses it. */
export function decodeRevoked(payload: string): string | undefined {
	try {
		const value = JSON.parse(payload) as { userId?: unknown };
		return typeof value.userId === 'string' ? value.userId : undefined;
	} catch {
		return undefined;
	}
}
