import type { SqlExecutor } from '../db/database';

const PRUNE_EVERY_MS = 60_000;

/**
 * The `throttles` table (migration 4), shared by every server process on the database. Its rows
 * carry their own expiry; a row past it says nothing a missing row would not, so each process
 * deletes them once a minute on its way (no background job).
 */
export class ThrottleTable {
	#prunedAt = -Infinity;

	constructor(readonly sql: SqlExecutor) {}

	/** Deletes expired rows if this process has not done so for a minute. */
	async pruneNow(nowMs: number): Promise<void> {
		if (nowMs - this.#prunedAt < PRUNE_EVERY_MS) return;
		this.#prunedAt = nowMs;
		await this.sql.query(`DELETE FROM throttles WHERE expires_ms <= $1::double precision`, [nowMs]);
	}
}

/** Whole seconds to wait until `untilMs`, at least 1: what `Retry-After` says. */
export function secondsUntil(untilMs: number, nowMs: number): number {
	return Math.max(1, Math.ceil((untilMs - nowMs) / 1000));
}
