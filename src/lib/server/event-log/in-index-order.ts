import type { Database, SqlExecutor } from '../db/database';

/**
 * Runs `work` in a transaction whose queries read `events` in the order of an index rather than
 * sorting. Migration 2 keeps the planner from guessing a workspace's size, so it estimates every
 * workspace at a small share of the table; for `… ORDER BY position LIMIT n` it then believes the
 * LIMIT cuts nothing and prefers a bitmap scan of the whole rest of the workspace followed by a
 * sort, which makes each page cost the workspace's size and a full catch-up quadratic (measured:
 * 7,000 rows read and sorted for a 1,000-row page of a 10,000-event log). With sorting priced out,
 * the only plan left walks `events_workspace_position` from `after` and stops after `n` rows.
 */
export function inIndexOrder<T>(db: Database, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
	return db.transaction(async (tx) => {
		await tx.query(`SET LOCAL enable_sort = off`);
		return work(tx);
	});
}
