import type { Database } from '../../src/lib/server';
import { rawInsert } from './raw-insert';
import { wireBatch } from './wire-batch';

/** Rows per INSERT: 11 parameters each stays far below PostgreSQL's 65,535. */
const CHUNK = 2_000;

/**
 * `total` realistic events (orders of 10, accounts of 8) into `workspaceId`'s log with raw
 * multi-row INSERTs into the server's own table: seconds for 100,000, where pushing them through
 * the endpoint would measure the push instead of preparing the pull.
 */
export async function seedLog(db: Database, workspaceId: string, total: number): Promise<void> {
	for (let written = 0; written < total; written += CHUNK) {
		await rawInsert(db, workspaceId, wireBatch(Math.min(CHUNK, total - written)));
	}
}
