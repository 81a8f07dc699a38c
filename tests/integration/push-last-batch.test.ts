// The acknowledgement of a push's last batch, built apart from the sync tests' large log: a log
// one event longer than a batch, so the last batch holds a single event, checked event by event
// against the server's positions, and a second round that must find nothing left to send.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PUSH_EVENTS } from '../../src/lib/protocol';
import type { SyncServer } from '../../src/lib/server/sync-server';
import {
	device,
	pendingEvents,
	quickWorkspace,
	serverLog,
	startTestServer,
	type Device
} from './sync-harness';

let server: SyncServer;
let ada: Device | undefined;

beforeEach(async () => {
	server = await startTestServer();
}, 60_000);

afterEach(async () => {
	ada?.store.close();
	await server.close();
});

describe('the last batch of a push', () => {
	it('is acknowledged by the time syncNow resolves: its events are synced at the server’s positions', async () => {
		const workspace = await quickWorkspace(server, ['Ada']);
		const pushes: string[][] = [];
		ada = device('ada', async (request) => {
			if (request.url.endsWith('/api/sync/push')) {
				const body = (await request.clone().json()) as { events: { eventId: string }[] };
				pushes.push(body.events.map((event) => event.eventId));
				// A device that never marks its last batch would send it again and again.
				if (pushes.length > 3) return new Response('{"error":"unavailable"}', { status: 503 });
			}
			return server.handle(request);
		});
		await ada.sync.login(workspace.logins[0]!);
		const open = { type: 'OpenAccount', holderName: 'Kim', currency: 'EUR' };
		await ada.accounts.execute('account-1', open, ada.as());
		for (let i = 0; i < MAX_PUSH_EVENTS; i++) {
			await ada.accounts.execute('account-1', { type: 'Deposit', amountCents: 100 + i }, ada.as());
		}

		expect(await ada.sync.syncNow()).toBe('synced');

		expect(pushes.map((batch) => batch.length)).toEqual([MAX_PUSH_EVENTS, 1]);
		const last = pushes[1]![0]!;
		const remote = await serverLog(server, workspace.tokens[0]!);
		const position = new Map(remote.map((row) => [row.eventId, row.position]));
		expect(remote).toHaveLength(MAX_PUSH_EVENTS + 1);
		const stream = await ada.store.readStream('account-1');
		expect(stream.find((event) => event.eventId === last)).toMatchObject({
			sync: 'synced',
			position: position.get(last)
		});
		for (const event of stream) {
			expect([event.sync, event.position]).toEqual(['synced', position.get(event.eventId)]);
		}
		expect(await pendingEvents(ada.store)).toEqual([]);

		// Nothing is left to send: a second round pushes nothing.
		expect(await ada.sync.syncNow()).toBe('synced');
		expect(pushes).toHaveLength(2);
	}, 60_000);
});
