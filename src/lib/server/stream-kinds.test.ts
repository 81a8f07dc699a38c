import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REWOUND } from '../events';
import { invalidEventBodySchema } from '../protocol';
import { testRegistry } from '../testing';
import { silentLogger } from './logger';
import { startSyncServer, type SyncServer } from './sync-server';
import { counterEvent, TestClient, testBackends } from './testing';

describe.each(testBackends())(
	'pushes put events only where their kind of record holds them, on $kind',
	{ timeout: 20_000 },
	(backend) => {
		let server: SyncServer;
		let client: TestClient;

		beforeAll(async () => {
			server = await startSyncServer({
				database: await backend.open(),
				registry: testRegistry,
				streams: { counter: ['Incremented'], note: ['NoteWritten'] },
				logger: silentLogger,
				rateLimit: false
			});
			client = new TestClient(server);
		}, 60_000);

		afterAll(async () => {
			await server?.close();
		});

		async function pulled(token: string): Promise<number> {
			const response = await client.pull(token, 0, 1000);
			return (response.body.events as unknown[]).length;
		}

		it('refuses an event of another kind of record (422 on its type), storing nothing of the batch', async () => {
			const session = await client.signup();
			const good = counterEvent('counter-1', 1);
			const foreign = counterEvent('counter-2', 1, {
				type: 'NoteWritten',
				schemaVersion: 1,
				data: { text: 'A valid note, on a counter' }
			});
			const response = await client.push(session.token, [good, foreign]);
			expect(response.status).toBe(422);
			const body = invalidEventBodySchema.parse(response.body);
			expect(body.eventId).toBe(foreign.eventId);
			expect(body.issues[0]?.path).toEqual(['type']);
			expect(body.message).toContain('not an event of counter records');
			expect(await pulled(session.token)).toBe(0);
		});

		it('refuses a stream of no kind the app has (422 on its streamId), with or without a dash', async () => {
			const session = await client.signup();
			for (const streamId of ['foo-1', 'foo', 'counters-1']) {
				const event = counterEvent(streamId, 1);
				const response = await client.push(session.token, [event]);
				expect(response.status, streamId).toBe(422);
				const body = invalidEventBodySchema.parse(response.body);
				expect(body.issues[0]?.path).toEqual(['streamId']);
				expect(body.message).toContain('counter, note');
			}
			expect(await pulled(session.token)).toBe(0);
		});

		it('refuses a stream of a known kind that names no record (422 on its streamId)', async () => {
			const session = await client.signup();
			for (const streamId of ['counter', 'counter-']) {
				const response = await client.push(session.token, [counterEvent(streamId, 1)]);
				expect(response.status, streamId).toBe(422);
				const body = invalidEventBodySchema.parse(response.body);
				expect(body.issues[0]?.path).toEqual(['streamId']);
				expect(body.message).toContain('names no record');
			}
			expect(await pulled(session.token)).toBe(0);
		});

		it('takes each kind’s own events, and a rewind on any of them', async () => {
			const session = await client.signup();
			const response = await client.push(session.token, [
				counterEvent('counter-1', 1),
				counterEvent('note-1', 1, { type: 'NoteWritten', schemaVersion: 1, data: { text: 'x' } }),
				counterEvent('counter-1', 2, { type: REWOUND, data: { toVersion: 0 } })
			]);
			expect(response.status).toBe(200);
			expect(await pulled(session.token)).toBe(3);
		});
	}
);
