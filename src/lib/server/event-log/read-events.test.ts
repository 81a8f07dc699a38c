import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullResponseSchema, type SyncedEvent, type WireEvent } from '../../protocol';
import type { Database } from '../db/database';
import { migrate } from '../db/migrations';
import { counterEvent, testBackends } from '../testing';
import { appendEvents } from './append-events';
import { EVENT_COLUMNS, toSyncedEvent, type EventRow } from './event-row';
import { readEvents } from './read-events';

// A failure prints fast-check's seed and path; FC_SEED=<seed> replays it.
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;

/** JSON that PostgreSQL stores: any text but U+0000, which `jsonb` cannot hold. */
const storable = <T>(value: T) => !JSON.stringify(value).includes('\\u0000');
const text = fc.string({ unit: 'grapheme', maxLength: 12 }).filter(storable);
const data = fc
	.dictionary(text, fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }), { maxKeys: 6 })
	.filter(storable);

/** Events of new streams, with ids and contents that JSON must escape. */
const batch = fc.array(
	fc.record({ idTail: text, data, userId: text, streamTail: fc.stringMatching(/^[\w.:-]{0,8}$/) }),
	{ minLength: 1, maxLength: 12 }
);

const utf8Bytes = (json: string) => new TextEncoder().encode(json).byteLength;

describe.each(testBackends())('readEvents on $kind', { timeout: 120_000 }, (backend) => {
	let db: Database;

	beforeAll(async () => {
		db = await backend.open();
		await migrate(db);
	}, 60_000);
	afterAll(() => db.close());

	/** The stored rows as the driver reads them, mapped as the server did before it wrote pages in SQL. */
	async function stored(workspaceId: string): Promise<SyncedEvent[]> {
		const rows = await db.query<EventRow>(
			`SELECT ${EVENT_COLUMNS} FROM events WHERE workspace_id = $1::text ORDER BY position`,
			[workspaceId]
		);
		return rows.map(toSyncedEvent);
	}

	it('pages are the stored events, in order, each once, within budget, whatever the content', async () => {
		await fc.assert(
			fc.asyncProperty(
				batch,
				fc.integer({ min: 1, max: 5 }),
				fc.integer({ min: 1_500, max: 6_000 }),
				async (specs, limit, maxBytes) => {
					const workspaceId = `ws-${crypto.randomUUID()}`;
					const events: WireEvent[] = specs.map((spec, index) =>
						counterEvent(`s-${index}${spec.streamTail}`, 1, {
							eventId: `${index}-${spec.idTail}`,
							type: 'NoteWritten',
							data: spec.data,
							metadata: { ...counterEvent('x', 1).metadata, userId: `u-${spec.userId}` }
						})
					);
					await appendEvents(db, {
						workspaceId,
						userId: `u-${specs[0]!.userId}`,
						deviceId: 'device-1',
						events,
						recordedAt: '2024-05-01T10:00:00.123Z'
					});
					// Microseconds, as a row written by SQL's now() has: cut to milliseconds, as a Date is.
					await db.query(
						`UPDATE events SET recorded_at = recorded_at + interval '456 microseconds' WHERE workspace_id = $1::text`,
						[workspaceId]
					);
					const expected = await stored(workspaceId);
					const pulled: SyncedEvent[] = [];
					for (let after = 0; ;) {
						const page = await readEvents(db, workspaceId, after, limit, maxBytes);
						const body = pullResponseSchema.parse(JSON.parse(page.json));
						expect(body.events.length).toBeGreaterThan(0);
						expect(body.events.length).toBeLessThanOrEqual(limit);
						expect(page.count).toBe(body.events.length);
						if (body.events.length > 1) expect(utf8Bytes(page.json)).toBeLessThanOrEqual(maxBytes);
						expect(body.head).toBe(expected.at(-1)!.position);
						expect(page.hasMore).toBe(body.hasMore);
						pulled.push(...body.events);
						if (!body.hasMore) break;
						after = body.events.at(-1)!.position;
					}
					expect(pulled).toEqual(expected);
				}
			),
			{ numRuns: 30, seed: SEED }
		);
	});

	it('a page reads its own rows from the index, however large the rest of the workspace', async () => {
		const workspaceId = `ws-${crypto.randomUUID()}`;
		await db.query(
			`INSERT INTO events (workspace_id, stream_id, version, event_id, type, schema_version,
				data, metadata, device_id, recorded_at, recorded_by)
			SELECT $1::text, 's-' || i, 1, 'e-' || i, 'NoteWritten', 1, '{}', '{}', 'd', now(), 'u'
			FROM generate_series(1, 3000) AS i`,
			[workspaceId]
		);
		await db.query('ANALYZE events');
		// Rows and index entries this transaction read, before and after the page: one that sorted
		// the rest of the workspace first (the plan sorting invites, see migration 6) reads all 3,000
		// twice. The counts are the transaction's own, not yet reported (PGlite never reports them).
		const touched = `SELECT sum(pg_stat_get_xact_tuples_fetched(r) + pg_stat_get_xact_tuples_returned(r)) AS n
			FROM (SELECT 'events'::regclass::oid AS r
				UNION ALL SELECT indexrelid FROM pg_index WHERE indrelid = 'events'::regclass) relations`;
		const read = await db.transaction(async (tx) => {
			const [before] = await tx.query<{ n: string | number }>(touched);
			const page = await readEvents(tx, workspaceId, 0, 10);
			const [after] = await tx.query<{ n: string | number }>(touched);
			expect(page.count).toBe(10);
			return Number(after!.n) - Number(before!.n);
		});
		expect(read).toBeLessThan(100);
	});

	it('an empty page past the head says so', async () => {
		const workspaceId = `ws-${crypto.randomUUID()}`;
		expect(JSON.parse((await readEvents(db, workspaceId, 0, 10)).json)).toEqual({
			events: [],
			head: 0,
			hasMore: false
		});
	});
});
