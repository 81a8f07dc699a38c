import type { Database, SqlExecutor } from '../db/database';
import { confirmCaller, type Caller } from './sessions';

/**
 * Runs `work` in one transaction for a caller checked when their request arrived, once their
 * session and role are confirmed as they are now and `allowed` accepts that role: what a slow
 * request writes, it writes only if the person may still write it (`confirmCaller`).
 */
export function actAsCaller<T>(
	db: Database,
	caller: Caller,
	now: Date,
	allowed: (current: Caller) => void,
	work: (tx: SqlExecutor, current: Caller) => Promise<T>
): Promise<T> {
	return db.transaction(async (tx) => {
		const current = await confirmCaller(tx, caller, now);
		allowed(current);
		return work(tx, current);
	});
}
