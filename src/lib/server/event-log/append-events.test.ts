import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireEvent } from '../../protocol';
import type { Database } from '../db/database';
import { migrate } from '../db/migrations';
import { PushConflictError } from '../errors';
import { testBackends } from '../testing';
import { appendEvents } from './append-events';

// A second guard of "version gaps on the server are refused", built without HTTP: the event
// log itself, called directly, on every backend. (The HTTP side is in sync-server.test.ts.)

function event(streamId: string, version: number): WireEvent {
	return {
		eventId: crypto.randomUUID(),
		streamId,
		version,
		type: 'Noted',
		schemaVersion: 1,
		data: { note: `${streamId} v${version}` },
		metadata: {
			commandId: 'c',
			correlationId: 'c',
			userId: 'u',
			deviceId: 'd',
			occurredAt: '2024-05-01T10:00:00.000Z'
		}
	};
}

describe.each(testBackends())('appendEvents refuses version gaps on $kind', (backend) => {
	let db: Database;
	beforeAll(async () => {
		db = await backend.open();
		await migrate(db);
	}, 60_000);
	afterAll(async () => {
		await db?.close();
	});

	const append = (workspaceId: string, events: WireEvent[]) =>
		appendEvents(db, {
			workspaceId,
			userId: 'u',
			deviceId: 'd',
			events,
			recordedAt: new Date().toISOString()
		});

	async function versionsOf(workspaceId: string): Promise<[string, number][]> {
		const rows = await db.query<{ stream_id: string; version: number }>(
			'SELECT stream_id, version FROM events WHERE workspace_id = $1 ORDER BY position',
			[workspaceId]
		);
		return rows.map((row) => [row.stream_id, Number(row.version)]);
	}

	it('refuses events that skip versions after the stored head, or start a new stream past 1, and stores none of the batch', async () => {
		const workspaceId = `ws-${crypto.randomUUID()}`;
		await append(workspaceId, [event('s-1', 1), event('s-1', 2)]);

		const refusal = await append(workspaceId, [
			event('s-2', 1),
			event('s-1', 4),
			event('s-1', 5),
			event('s-3', 2)
		]).catch((error: unknown) => error);

		expect(refusal).toBeInstanceOf(PushConflictError);
		expect((refusal as PushConflictError).conflicts).toEqual([
			{ streamId: 's-1', expectedVersion: 3, actualVersion: 2 },
			{ streamId: 's-3', expectedVersion: 1, actualVersion: 0 }
		]);
		expect(await versionsOf(workspaceId)).toEqual([
			['s-1', 1],
			['s-1', 2]
		]);
	});

	it('takes the batch once it continues every head', async () => {
		const workspaceId = `ws-${crypto.randomUUID()}`;
		await append(workspaceId, [event('s-1', 1), event('s-1', 2)]);
		const outcome = await append(workspaceId, [event('s-1', 3), event('s-2', 1)]);
		expect(outcome.appended).toBe(2);
		expect(await versionsOf(workspaceId)).toEqual([
			['s-1', 1],
			['s-1', 2],
			['s-1', 3],
			['s-2', 1]
		]);
	});
});
