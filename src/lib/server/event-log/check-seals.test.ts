import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REWOUND } from '../../events';
import type { WireEvent } from '../../protocol';
import type { Database } from '../db/database';
import { migrate } from '../db/migrations';
import { InvalidEventError } from '../errors';
import { testBackends } from '../testing';
import { appendEvents } from './append-events';

// Sealed history on the server: a pushed rewind past a seal is refused, however it was made.
// The event log called directly, on every backend; the fixture's counter seals with `Closed`.

function event(streamId: string, version: number, type: string, data: object = {}): WireEvent {
	return {
		eventId: crypto.randomUUID(),
		streamId,
		version,
		type,
		schemaVersion: 1,
		data: data as WireEvent['data'],
		metadata: {
			commandId: crypto.randomUUID(),
			correlationId: 'c',
			userId: 'u',
			deviceId: 'd',
			occurredAt: '2024-05-01T10:00:00.000Z'
		}
	};
}

const rewind = (streamId: string, version: number, toVersion: number) =>
	event(streamId, version, REWOUND, { toVersion });

describe.each(testBackends())('appendEvents keeps sealed history on $kind', (backend) => {
	let db: Database;
	beforeAll(async () => {
		db = await backend.open();
		await migrate(db);
	}, 60_000);
	afterAll(async () => {
		await db?.close();
	});

	const sealedBy = new Set(['Closed']);
	const append = (workspaceId: string, events: WireEvent[], seals = sealedBy) =>
		appendEvents(db, {
			workspaceId,
			userId: 'u',
			deviceId: 'd',
			events,
			recordedAt: new Date().toISOString(),
			sealedBy: seals
		});
	const refusal = (work: Promise<unknown>) =>
		work.then(
			() => undefined,
			(error: unknown) => error
		);
	const count = async (workspaceId: string) =>
		(
			await db.query<{ n: number }>(
				'SELECT count(*)::integer AS n FROM events WHERE workspace_id = $1::text',
				[workspaceId]
			)
		)[0]!.n;

	it('refuses a rewind past a stored seal with 422 naming it, storing none of the batch', async () => {
		const ws = `ws-${crypto.randomUUID()}`;
		await append(ws, [event('c-1', 1, 'Incremented'), event('c-1', 2, 'Closed')]);
		const past = rewind('c-1', 3, 1);
		const error = await refusal(append(ws, [event('c-2', 1, 'Incremented'), past]));
		expect(error).toBeInstanceOf(InvalidEventError);
		expect(error).toMatchObject({
			eventId: past.eventId,
			issues: [{ path: ['data', 'toVersion'], message: 'goes back past a seal' }]
		});
		expect(await count(ws)).toBe(2);

		// Back to the seal itself, or anything after it, is still an undo.
		await append(ws, [event('c-1', 3, 'Incremented'), rewind('c-1', 4, 2)]);
		expect(await count(ws)).toBe(4);
	});

	it('judges a rewind on the stream as it stands before it, the batch included', async () => {
		const ws = `ws-${crypto.randomUUID()}`;
		await append(ws, [event('c-1', 1, 'Incremented')]);
		// The seal and the rewind past it in one push.
		const error = await refusal(append(ws, [event('c-1', 2, 'Closed'), rewind('c-1', 3, 1)]));
		expect(error).toBeInstanceOf(InvalidEventError);
		// A rewind before the seal, then the seal: the rewind was of an unsealed past.
		await append(ws, [
			event('c-1', 2, 'Incremented'),
			rewind('c-1', 3, 1),
			event('c-1', 4, 'Closed')
		]);
		expect(await count(ws)).toBe(4);
	});

	it('counts only the seal the head rests on: one rewound away by an older rewind seals nothing', async () => {
		const ws = `ws-${crypto.randomUUID()}`;
		// Written by a server without the rule (seals at version 2, rewound away at 3).
		await append(
			ws,
			[event('c-1', 1, 'Incremented'), event('c-1', 2, 'Closed'), rewind('c-1', 3, 1)],
			new Set()
		);
		await append(ws, [event('c-1', 4, 'Incremented'), rewind('c-1', 5, 1)]);
		expect(await count(ws)).toBe(5);
	});

	it('another workspace, or a server told of no seals, is not held by them', async () => {
		const ws = `ws-${crypto.randomUUID()}`;
		await append(ws, [event('c-1', 1, 'Incremented'), event('c-1', 2, 'Closed')]);
		const other = `ws-${crypto.randomUUID()}`;
		await append(other, [
			event('c-1', 1, 'Incremented'),
			event('c-1', 2, 'Incremented'),
			rewind('c-1', 3, 1)
		]);
		expect(await count(other)).toBe(3);
		await append(ws, [rewind('c-1', 3, 1)], new Set());
		expect(await count(ws)).toBe(3);
	});
});
