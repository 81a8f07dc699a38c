// The sync tests' harness: the real sync server's handlers on an in-memory PGlite, and devices
// (an event store over the app's domain, repositories, a sync client) that talk to it.
import { randomBytes, scryptSync } from 'node:crypto';
import { AggregateRepository } from '../../src/lib/aggregates';
import {
	accountAggregate,
	domainAggregates,
	domainStreams,
	domainEventTypes,
	orderAggregate
} from '../../src/lib/domain';
import { createEventRegistry, type EventRegistry, type StoredEvent } from '../../src/lib/events';
import { EventStore } from '../../src/lib/eventstore';
import type { LoginRequest, SyncedEvent } from '../../src/lib/protocol';
import type { Database } from '../../src/lib/server/db/database';
import { openPgliteDatabase } from '../../src/lib/server/db/pglite-database';
import { hashSecret, newToken } from '../../src/lib/server/auth/secrets';
import { silentLogger } from '../../src/lib/server/logger';
import {
	startSyncServer,
	type SyncServer,
	type SyncServerOptions
} from '../../src/lib/server/sync-server';
import { TestClient } from '../../src/lib/server/testing';
import { createCommandRebaser, UndoStack } from '../../src/lib/undo';
import { SyncClient } from '../../src/lib/sync/sync-client';
import type { Fetch } from '../../src/lib/sync/sync-api';

export const registry = createEventRegistry(domainEventTypes);
export const rebaser = createCommandRebaser(domainAggregates);

export interface TestServerOptions {
	/** Default: a fresh in-memory PGlite. The server owns it: `close` closes it. */
	database?: Database;
	registry?: EventRegistry;
	now?: () => Date;
	sessionTtlMs?: number;
	webhooks?: SyncServerOptions['webhooks'];
}

/** The real sync server's handlers on an in-memory PGlite, no HTTP in between. */
export async function startTestServer(options: TestServerOptions = {}): Promise<SyncServer> {
	return startSyncServer({
		database: options.database ?? (await openPgliteDatabase()),
		registry: options.registry ?? registry,
		sealedBy: domainAggregates.flatMap((aggregate) => aggregate.sealedBy),
		// The app's kinds of record, with the app's events; another registry brings its own.
		...(options.registry ? {} : { streams: domainStreams() }),
		rateLimit: false,
		logger: silentLogger,
		...(options.now ? { now: options.now } : {}),
		...(options.sessionTtlMs ? { sessionTtlMs: options.sessionTtlMs } : {}),
		...(options.webhooks ? { webhooks: options.webhooks } : {})
	});
}

export interface DeviceOptions {
	/** Default `device-<name>`. */
	deviceId?: string;
	/** The user id of work done before signing in (the app's LOCAL_USER_ID). */
	anonymousUserId?: string;
	now?: () => Date;
	/** What the device is called in its person's list of sessions. */
	label?: string;
}

/** A device: its own IndexedDB database, repositories, and a sync client on the given server. */
export function device(name: string, fetch: Fetch, options: DeviceOptions = {}) {
	const store = new EventStore({ name: `${name}-${crypto.randomUUID()}`, registry });
	const deviceId = options.deviceId ?? `device-${name}`;
	const sync = new SyncClient({
		store,
		rebaser,
		deviceId,
		baseUrl: 'http://rewind.test',
		fetch,
		backoff: { baseMs: 5, maxMs: 20 },
		...(options.anonymousUserId ? { anonymousUserId: options.anonymousUserId } : {}),
		...(options.now ? { now: options.now } : {}),
		...(options.label ? { device: options.label } : {})
	});
	const as = () => ({
		userId: sync.session?.userId ?? options.anonymousUserId ?? 'local-user',
		deviceId
	});
	return {
		store,
		sync,
		deviceId,
		orders: new AggregateRepository(store, orderAggregate),
		accounts: new AggregateRepository(store, accountAggregate),
		/** This device's undo stack, acting as whoever is signed in. */
		undo: new UndoStack(store, domainAggregates, as),
		/** The context a signed-in person's commands carry. */
		as
	};
}

export type Device = ReturnType<typeof device>;

const QUICK_PASSWORD = 'quick password';

/** A scrypt hash in the server's format with tiny parameters: a login checks it in microseconds. */
function cheapPasswordHash(password: string): string {
	const salt = randomBytes(16);
	const key = scryptSync(password.normalize('NFC'), salt, 32, { N: 16, r: 1, p: 1 });
	return ['scrypt', 16, 1, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

export interface QuickWorkspace {
	workspaceId: string;
	workspace: string;
	/** What each member logs in with, in the order of `names`. */
	logins: LoginRequest[];
	/** A fresh token per member, straight from the database, for reading the server's log. */
	tokens: string[];
	userIds: string[];
}

/**
 * A workspace with its members written straight into the server's database, with cheap
 * password hashes: signing up through the API costs a real scrypt (~0.3 s) per person, too
 * slow for property tests that need a fresh workspace per run. Devices then `login`.
 */
export async function quickWorkspace(server: SyncServer, names: string[]): Promise<QuickWorkspace> {
	const db = server.database;
	const workspaceId = crypto.randomUUID();
	const workspace = `ws-${workspaceId}`;
	await db.query(`INSERT INTO workspaces (id, name) VALUES ($1::text, $2::text)`, [
		workspaceId,
		workspace
	]);
	const userIds: string[] = [];
	const tokens: string[] = [];
	for (const name of names) {
		const userId = crypto.randomUUID();
		await db.query(
			`INSERT INTO users (id, workspace_id, name, password_hash) VALUES ($1::text, $2::text, $3::text, $4::text)`,
			[userId, workspaceId, name, cheapPasswordHash(QUICK_PASSWORD)]
		);
		const token = newToken();
		await db.query(
			`INSERT INTO sessions (token_hash, user_id, workspace_id, expires_at)
			VALUES ($1::text, $2::text, $3::text, $4::timestamptz)`,
			[hashSecret(token), userId, workspaceId, new Date(Date.now() + 86_400_000).toISOString()]
		);
		userIds.push(userId);
		tokens.push(token);
	}
	return {
		workspaceId,
		workspace,
		logins: names.map((name) => ({ workspace, name, password: QUICK_PASSWORD })),
		tokens,
		userIds
	};
}

/**
 * What the network does to one request: `down` fails it before it reaches the server; `lost`
 * lets the server handle it and then throws the answer away (a reset after the commit).
 */
export type Fault = 'down' | 'lost' | undefined;

export interface NetworkRecord {
	method: string;
	path: string;
	fault: Fault;
	/** The server's status, when the server saw the request. */
	status?: number;
	/** For pushes: the eventIds sent. */
	eventIds?: string[];
}

/**
 * A network between a device and a server that fails on demand: `plan` decides the fate of
 * each request (default: deliver it). Every request is recorded in `log`.
 */
export class FlakyNetwork {
	readonly log: NetworkRecord[] = [];
	plan: (request: Request, index: number) => Fault = () => undefined;
	/** Changes the body of a push before the server sees it (to make it refuse an event). */
	rewritePush: ((body: PushBody) => PushBody) | undefined;

	constructor(private readonly target: () => Fetch) {}

	readonly fetch: Fetch = async (request) => {
		const url = new URL(request.url);
		const record: NetworkRecord = {
			method: request.method,
			path: url.pathname,
			fault: this.plan(request, this.log.length)
		};
		this.log.push(record);
		if (url.pathname === '/api/sync/push' && request.method === 'POST') {
			let body = (await request.clone().json()) as PushBody;
			record.eventIds = body.events.map((event) => event.eventId);
			if (this.rewritePush && record.fault !== 'down') {
				body = this.rewritePush(body);
				request = new Request(request.url, {
					method: 'POST',
					headers: request.headers,
					body: JSON.stringify(body)
				});
			}
		}
		if (record.fault === 'down') throw new TypeError('fetch failed: the network is down');
		const response = await this.target()(request);
		record.status = response.status;
		if (record.fault === 'lost') {
			await response.arrayBuffer();
			throw new TypeError('fetch failed: the connection reset before the answer arrived');
		}
		return response;
	};

	/** Pushes that reached the server and that it accepted. */
	acceptedPushes(): NetworkRecord[] {
		return this.log.filter((r) => r.path === '/api/sync/push' && r.status === 200);
	}
}

export interface PushBody {
	deviceId: string;
	events: { eventId: string; streamId: string; version: number; type: string; data: unknown }[] &
		Record<string, unknown>[];
}

/** The fields that identify a synced event, for comparing logs across devices and the server. */
export interface LogRow {
	eventId: string;
	streamId: string;
	version: number;
	position: number;
	type: string;
	commandId: string;
}

function row(event: StoredEvent | SyncedEvent): LogRow {
	return {
		eventId: event.eventId,
		streamId: event.streamId,
		version: event.version,
		position: event.position!,
		type: event.type,
		commandId: event.metadata.commandId
	};
}

/** The device's synced events in position order. */
export async function syncedLog(store: EventStore): Promise<LogRow[]> {
	const events = await store.readAll();
	return events.filter((event) => event.sync === 'synced').map(row);
}

/** The device's pending events in local order. */
export async function pendingEvents(store: EventStore): Promise<StoredEvent[]> {
	return store.readPending();
}

/** The workspace's whole log as the server has it, in position order. */
export async function serverLog(server: SyncServer, token: string): Promise<LogRow[]> {
	return (await serverLog.events(server, token)).map(row);
}

/** The same, as whole events. */
serverLog.events = (server: SyncServer, token: string): Promise<SyncedEvent[]> =>
	new TestClient(server).pullAll(token);

/** Every eventId that appears more than once in these rows. */
export function duplicates(ids: readonly string[]): string[] {
	const seen = new Set<string>();
	const twice = new Set<string>();
	for (const id of ids) (seen.has(id) ? twice : seen).add(id);
	return [...twice];
}
