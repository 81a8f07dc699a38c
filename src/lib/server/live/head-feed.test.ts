import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteDatabase } from '../db/pglite-database';
import type { Database, SqlExecutor } from '../db/database';
import { encodeHeadChange, HEAD_CHANNEL } from '../event-log';
import { HeadFeed } from './head-feed';

describe('HeadFeed', () => {
	let db: Database;
	const feed = new HeadFeed();

	// A new in-memory PGlite runs initdb: seconds, and more on a busy machine (as in the other suites).
	beforeAll(async () => {
		db = await openPgliteDatabase();
		await feed.start(db);
	}, 60_000);

	afterAll(async () => {
		await feed.stop();
		await db.close();
	});

	const notify = (sql: SqlExecutor, workspaceId: string, head: number) =>
		sql.query(`SELECT pg_notify($1::text, $2::text)`, [
			HEAD_CHANNEL,
			encodeHeadChange({ workspaceId, head })
		]);
	const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

	it("sends a workspace's heads of one turn as its latest, once, and only to that workspace", async () => {
		const heard: string[] = [];
		const stop = [
			feed.subscribe(
				'w1',
				(head) => heard.push(`w1:${head}`),
				() => {}
			),
			feed.subscribe(
				'w2',
				(head) => heard.push(`w2:${head}`),
				() => {}
			)
		];
		// Delivered together at commit, as the pushes of a busy moment are.
		await db.transaction(async (tx) => {
			await notify(tx, 'w1', 5);
			await notify(tx, 'w1', 7);
			await notify(tx, 'w1', 6);
			await notify(tx, 'w2', 3);
		});
		await settled();
		expect(heard).toEqual(['w1:7', 'w2:3']);

		await notify(db, 'w1', 9);
		await settled();
		expect(heard).toEqual(['w1:7', 'w2:3', 'w1:9']);
		stop.forEach((unsubscribe) => unsubscribe());
	});
});
