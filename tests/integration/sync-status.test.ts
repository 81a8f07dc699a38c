import { get } from 'svelte/store';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AggregateRepository } from '../../src/lib/aggregates';
import { orderAggregate } from '../../src/lib/domain';
import { signedInSyncView } from '../../src/lib/components/signed-in-sync-view';
import { syncIndicatorView } from '../../src/lib/components/sync-indicator-view';
import type { WireEvent } from '../../src/lib/protocol';
import type { SyncServer } from '../../src/lib/server/sync-server';
import { TestClient } from '../../src/lib/server/testing';
import { SyncClient } from '../../src/lib/sync/sync-client';
import type { SyncStatus } from '../../src/lib/sync/sync-status';
import { EventStore } from '../../src/lib/eventstore';
import { device, quickWorkspace, rebaser, registry, startTestServer } from './sync-harness';

// The status store through a sign-in on a new device, an outage and the server's return,
// against the real handlers: what the header is fed must be true at every step.

let server: SyncServer;
const closing: { close(): void }[] = [];
const stopping: SyncClient[] = [];

// One server for the file: PGlite starts slowly, and every test has its own workspace.
beforeAll(async () => {
	server = await startTestServer();
}, 60_000);

afterEach(() => {
	for (const client of stopping.splice(0)) client.stop();
	for (const store of closing.splice(0)) store.close();
});

afterAll(async () => {
	await server.close();
});

const PASSWORD = 'correct horse battery';

/** A workspace on the server with `count` orders, pushed in batches as another device would. */
async function seededWorkspace(count: number) {
	const client = new TestClient(server);
	const workspace = `ws-${crypto.randomUUID()}`;
	const session = await client.signup(workspace, 'ada');
	const events: WireEvent[] = Array.from({ length: count }, (_, index) => ({
		eventId: crypto.randomUUID(),
		streamId: `order-${crypto.randomUUID()}`,
		version: 1,
		type: 'OrderCreated',
		schemaVersion: 1,
		data: {
			customerName: `Customer ${index + 1}`,
			currency: 'EUR',
			createdAt: '2026-12-01T10:00:00.000Z',
			createdBy: session.userId
		},
		metadata: {
			commandId: crypto.randomUUID(),
			correlationId: crypto.randomUUID(),
			userId: session.userId,
			deviceId: 'device-seed',
			occurredAt: '2026-12-01T10:00:00.000Z'
		}
	}));
	for (let start = 0; start < count; start += 500) {
		const response = await client.push(session.token, events.slice(start, start + 500));
		expect(response.status).toBe(200);
	}
	return { login: { workspace, name: 'ada', password: PASSWORD }, token: session.token };
}

/** What the header would say for this status, with the network up and no slow-round spinner. */
function headerLabel(status: SyncStatus): string {
	return syncIndicatorView(
		{
			status,
			online: true,
			slowSync: false,
			now: Date.now(),
			locale: 'en-GB'
		},
		signedInSyncView
	).label;
}

describe('the first pull after signing in on a new device', () => {
	it('never reports synced before the head, and reports progress that only grows and ends there', async () => {
		const { login, token } = await seededWorkspace(2_100);
		const { head } = await new TestClient(server).pullPage(token, 0, 1);
		const fresh = device('fresh', (request) => server.handle(request));
		closing.push(fresh.store);
		const seen: { status: SyncStatus; stored: Promise<number> }[] = [];
		fresh.sync.status.subscribe((status) => {
			// Counted from the moment the status changed: what was on the device by then.
			seen.push({ status, stored: fresh.store.lastSeq() });
		});

		await fresh.sync.login(login);
		expect(headerLabel(seen.at(-1)!.status)).toBe('Syncing…');
		await fresh.sync.syncNow();

		const statuses = seen.map((entry) => entry.status);
		const stored = await Promise.all(seen.map((entry) => entry.stored));
		const firstCaughtUp = statuses.findIndex((status) => status.caughtUp);
		expect(firstCaughtUp).toBeGreaterThan(0);
		for (const [index, status] of statuses.entries()) {
			if (!status.signedIn) continue;
			const label = headerLabel(status);
			if (index < firstCaughtUp) expect(label).not.toBe('Synced');
			if (label === 'Synced') expect(stored[index]).toBe(2_100);
		}
		expect(stored[firstCaughtUp]).toBe(2_100);
		expect(headerLabel(statuses.at(-1)!)).toBe('Synced');

		const progress = statuses.flatMap((status) => (status.catchUp ? [status.catchUp] : []));
		expect(progress.length).toBeGreaterThanOrEqual(3);
		for (const [index, step] of progress.entries()) {
			expect(step.done).toBeLessThanOrEqual(step.total);
			if (index > 0) expect(step.done).toBeGreaterThanOrEqual(progress[index - 1]!.done);
		}
		expect(progress.at(-1)).toEqual({ done: 2_100, total: 2_100 });
		expect((await fresh.store.readAll()).at(-1)?.position).toBe(head);
		expect(progress.map((step) => headerLabel({ ...statuses.at(-1)!, catchUp: step }))).toContain(
			'Downloading 1,000 of 2,100 changes'
		);
	}, 60_000);

	it('keeps saying so on this device after a reload until the pull reaches the head', async () => {
		const { login } = await seededWorkspace(1_200);
		let failPulls = false;
		const name = `reload-${crypto.randomUUID()}`;
		const open = () => {
			const store = new EventStore({ name, registry });
			closing.push(store);
			const sync = new SyncClient({
				store,
				rebaser,
				deviceId: 'device-reload',
				baseUrl: 'http://rewind.test',
				fetch: async (request) => {
					// The second page never arrives: the tab closes mid-way.
					if (failPulls && new URL(request.url).searchParams.get('after') !== '0') {
						throw new TypeError('fetch failed');
					}
					return server.handle(request);
				}
			});
			return { store, sync };
		};
		const first = open();
		await first.sync.login(login);
		failPulls = true;
		await expect(first.sync.syncNow()).rejects.toThrow();
		expect(await first.store.readAll()).toHaveLength(1_000);
		first.store.close();

		const again = open();
		let status: SyncStatus | undefined;
		again.sync.status.subscribe((value) => (status = value));
		await again.sync.start();
		// No rounds of its own: this test runs the one it needs.
		again.sync.stop();
		expect(status).toMatchObject({ signedIn: true, caughtUp: false });
		expect(headerLabel(status!)).not.toBe('Synced');

		failPulls = false;
		await again.sync.syncNow();
		expect(status).toMatchObject({ caughtUp: true });
		expect(headerLabel(status!)).toBe('Synced');
	}, 60_000);
});

describe('when the server comes back', () => {
	/**
	 * A leading sync client on a network that can go down: `goDown` refuses every request and
	 * cuts the open live stream, as a server that stops would. Every request is timed.
	 */
	async function leadingDevice(answer?: (request: Request) => Response | undefined) {
		const { logins } = await quickWorkspace(server, ['ada']);
		const cuts: (() => void)[] = [];
		const network = {
			down: false,
			attempts: [] as { at: number; path: string }[],
			goDown() {
				network.down = true;
				for (const cut of cuts.splice(0)) cut();
			}
		};
		const signals = { window: new EventTarget() };
		const fetch = async (request: Request): Promise<Response> => {
			const path = new URL(request.url).pathname;
			network.attempts.push({ at: Date.now(), path });
			if (network.down) throw new TypeError('fetch failed: connection refused');
			const response = answer?.(request) ?? (await server.handle(request));
			return path === '/api/sync/live' ? cuttable(response, cuts) : response;
		};
		const store = new EventStore({ name: `back-${crypto.randomUUID()}`, registry });
		closing.push(store);
		// The app's own schedule: no test-sized backoff here.
		const sync = new SyncClient({
			store,
			rebaser,
			deviceId: 'device-back',
			baseUrl: 'http://rewind.test',
			fetch,
			signals
		});
		stopping.push(sync);
		await sync.login(logins[0]!);
		await sync.start();
		await vi.waitFor(() =>
			expect(get(sync.status)).toMatchObject({ caughtUp: true, syncing: false })
		);
		const orders = new AggregateRepository(store, orderAggregate);
		const context = { userId: sync.session!.userId, deviceId: 'device-back' };
		/** A change made on the device: the leading tab pushes it. */
		const change = (customerName: string) =>
			orders.execute(
				`order-${crypto.randomUUID()}`,
				{ type: 'CreateOrder', customerName, currency: 'EUR' },
				context
			);
		const attemptsSince = (since: number) => network.attempts.filter((a) => a.at >= since);
		return { sync, network, signals, change, attemptsSince };
	}

	it('tries again within 2 s of its return, and no more than once every 1.5 s while it is down', async () => {
		const { sync, network, change, attemptsSince } = await leadingDevice();
		await vi.waitFor(() => expect(network.attempts.map((a) => a.path)).toContain('/api/sync/live'));
		const outage = Date.now();
		network.goDown();
		await change('During the outage');
		// Long enough for the old backoff to have grown to 8 s.
		await sleep(7_000);
		const during = attemptsSince(outage);
		expect(get(sync.status)).toMatchObject({ online: false, pending: 1 });
		expect(during.length).toBeGreaterThanOrEqual(4);
		expect(during.length).toBeLessThanOrEqual(7);
		const gaps = during.slice(1).map((attempt, index) => attempt.at - during[index]!.at);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(700);
		expect(gaps.slice(1).every((gap) => gap >= 1_450)).toBe(true);

		network.down = false;
		const back = Date.now();
		await vi.waitFor(() => expect(attemptsSince(back).length).toBeGreaterThan(0), {
			timeout: 3_000
		});
		expect(attemptsSince(back)[0]!.at - back).toBeLessThanOrEqual(2_050);
		await vi.waitFor(() =>
			expect(get(sync.status)).toMatchObject({ online: true, pending: 0, lastError: undefined })
		);
		// The live stream is back too, right after the first round that got through.
		await vi.waitFor(() =>
			expect(attemptsSince(back).map((a) => a.path)).toContain('/api/sync/live')
		);
	}, 60_000);

	it('tries at once when the browser is back online or the window gets focus', async () => {
		const { sync, network, signals, change, attemptsSince } = await leadingDevice();
		network.goDown();
		const outage = Date.now();
		await change('Offline order');
		await vi.waitFor(() => expect(get(sync.status).online).toBe(false));
		await sleep(50);

		for (const event of ['online', 'focus']) {
			const poked = Date.now();
			signals.window.dispatchEvent(new Event(event));
			await vi.waitFor(() => expect(attemptsSince(poked).length).toBeGreaterThan(0), {
				timeout: 1_000
			});
			// The backoff alone would have waited at least 750 ms.
			expect(attemptsSince(poked)[0]!.at - poked, event).toBeLessThan(300);
			await sleep(50);
		}
		expect(attemptsSince(outage).length).toBeGreaterThanOrEqual(3);

		network.down = false;
		const back = Date.now();
		signals.window.dispatchEvent(new Event('online'));
		await vi.waitFor(() => expect(get(sync.status)).toMatchObject({ pending: 0, online: true }));
		expect(Date.now() - back).toBeLessThan(700);
	}, 60_000);

	it('waits as long as a 503 with Retry-After asks, whatever pokes it', async () => {
		let busy = false;
		const { sync, signals, change, attemptsSince } = await leadingDevice((request) =>
			busy && new URL(request.url).pathname !== '/api/sync/live'
				? new Response(JSON.stringify({ error: 'unavailable', message: 'Busy.' }), {
						status: 503,
						headers: { 'content-type': 'application/json', 'retry-after': '3' }
					})
				: undefined
		);
		busy = true;
		await change('Busy server');
		await vi.waitFor(() => expect(get(sync.status).lastError).toBe('Busy.'));
		const refused = Date.now();
		busy = false;
		signals.window.dispatchEvent(new Event('focus'));
		signals.window.dispatchEvent(new Event('online'));
		await sleep(2_500);
		expect(attemptsSince(refused)).toEqual([]);
		await vi.waitFor(() => expect(get(sync.status)).toMatchObject({ pending: 0 }), {
			timeout: 2_000
		});
		expect(attemptsSince(refused)[0]!.at - refused).toBeGreaterThanOrEqual(2_900);
	}, 60_000);
});

/** The response with a body that `cuts` can break off, as a connection that drops. */
function cuttable(response: Response, cuts: (() => void)[]): Response {
	const reader = response.body!.getReader();
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			cuts.push(() => {
				controller.error(new TypeError('network error: the connection was reset'));
				void reader.cancel().catch(() => undefined);
			});
		},
		async pull(controller) {
			const { value, done } = await reader.read();
			if (done) controller.close();
			else controller.enqueue(value);
		}
	});
	return new Response(body, { status: response.status, headers: response.headers });
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
