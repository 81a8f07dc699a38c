import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, SqlExecutor } from './database';
import { initialiseDataDir } from './initialise-data-dir';
import { readKey, SharedReads } from './shared-reads';
import { TurnQueue } from './turn-queue';

type Params = readonly (string | number | null)[];

function executor(target: PGlite | Transaction): SqlExecutor {
	return {
		async query<Row extends object>(text: string, params: Params = []) {
			const result = await target.query<Row>(text, params as unknown[]);
			return result.rows;
		}
	};
}

/**
 * PGlite (PostgreSQL in WebAssembly) in `dataDir`, or in memory when it is undefined. PGlite is
 * one connection: a transaction holds it, and other queries wait for the transaction to end.
 * The folder must be owned by this process alone (see `acquireDataDirLock`).
 */
export async function openPgliteDatabase(dataDir?: string): Promise<Database> {
	// A new folder is made in a child process, so that initdb's memory is not this one's.
	if (dataDir !== undefined) await initialiseDataDir(dataDir);
	const pg = await PGlite.create(dataDir === undefined ? {} : { dataDir });
	const direct = executor(pg);
	// Statements and transactions take turns here, one per event-loop turn (see TurnQueue).
	const turns = new TurnQueue();
	const shared = new SharedReads();
	return {
		kind: 'pglite',
		query: (text, params = [], options) =>
			options?.share
				? shared.run(readKey(text, params), (begin) =>
						turns.run(() => {
							begin();
							return direct.query(text, params);
						})
					)
				: turns.run(() => direct.query(text, params)),
		transaction: (work) => turns.run(() => pg.transaction((tx) => work(executor(tx)))),
		async listen(channel, onNotify) {
			// In-process: PGlite delivers NOTIFY to its own listeners when the transaction commits.
			return pg.listen(channel, onNotify);
		},
		async close() {
			if (pg.closed) return;
			// A checkpoint writes everything committed into the data files, so a restart replays nothing.
			await pg.query('CHECKPOINT');
			await pg.close();
		}
	};
}
