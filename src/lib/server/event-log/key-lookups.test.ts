import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireEvent } from '../../protocol';
import type { Database } from '../db/database';
import { migrate } from '../db/migrations';
import { testBackends } from '../testing';
import { appendEvents } from './append-events';
import { BATCH_KEYS, findBatchKeys } from './key-lookups';

const STREAMS = 50;
const VERSIONS = 10;

/** A batch of `STREAMS` new streams of `VERSIONS` events each. */
function batch(prefix: string): WireEvent[] {
	return Array.from({ length: STREAMS * VERSIONS }, (_, index) => ({
		eventId: `${prefix}-event-${index}`,
		streamId: `${prefix}-stream-${Math.floor(index / VERSIONS)}`,
		version: (index % VERSIONS) + 1,
		type: 'Noted',
		schemaVersion: 1,
		data: { note: 'x'.repeat(200) },
		metadata: {
			commandId: 'c',
			correlationId: 'c',
			userId: 'u',
			deviceId: 'd',
			occurredAt: '2024-05-01T10:00:00.000Z'
		}
	}));
}

async function fill(db: Database, workspaceId: string, batches: number): Promise<void> {
	for (let i = 0; i < batches; i++) {
		await appendEvents(db, {
			workspaceId,
			userId: 'u',
			deviceId: 'd',
			events: batch(`${workspaceId}-${i}`),
			recordedAt: new Date().toISOString()
		});
	}
}

async function plan(db: Database, sql: string, params: string[]): Promise<string> {
	const rows = await db.query<Record<string, string>>(`EXPLAIN ${sql}`, params);
	return rows.map((row) => Object.values(row)[0]).join('\n');
}

describe.each(testBackends())('the append lookups on $kind', (backend) => {
	let db: Database;
	beforeAll(async () => {
		db = await backend.open();
		await migrate(db);
		// The bench's case: an analysed table, then a workspace that grew after the ANALYZE.
		await fill(db, 'old', 4);
		await db.query('ANALYZE events');
		await fill(db, 'new', 4);
	}, 120_000);
	afterAll(async () => {
		await db?.close();
	});

	it('find stored events and stream heads in one statement', async () => {
		const { stored, heads } = await findBatchKeys(
			db,
			'new',
			['new-0-event-3', 'old-0-event-3', 'missing'],
			['new-1-stream-2', 'old-1-stream-2', 'none']
		);
		expect(stored.map((row) => [row.event_id, row.stream_id, row.version])).toEqual([
			['new-0-event-3', 'new-0-stream-0', 4]
		]);
		expect([...heads]).toEqual([['new-1-stream-2', VERSIONS]]);
	});

	it('probe the unique indexes per key, never reading the workspace', async () => {
		const ids = JSON.stringify(batch('new-4').map((event) => event.eventId));
		const streams = JSON.stringify([...new Set(batch('new-4').map((event) => event.streamId))]);
		const keys = await plan(db, BATCH_KEYS, ['new', ids, streams]);
		expect(keys).toMatch(/Index Scan using events_event_id on events/);
		expect(keys).toMatch(/Index Only Scan Backward using events_stream_version on events/);
		expect(keys).not.toMatch(/Filter|events_workspace_position|Hash|Seq Scan/);
	});
});
