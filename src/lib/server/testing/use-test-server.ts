import { afterAll, beforeAll } from 'vitest';
import { testRegistry } from '../../testing';
import { silentLogger } from '../logger';
import { startSyncServer, type SyncServer } from '../sync-server';
import type { TestBackend } from './test-backends';
import { TestClient } from './test-client';

/**
 * A server on a fresh database of `backend` for the tests of one `describe`, started before
 * them (with no rate limit) and closed after; read `server` and `client` inside the tests.
 */
export function useTestServer(backend: TestBackend): { server: SyncServer; client: TestClient } {
	let server: SyncServer | undefined;
	let client: TestClient | undefined;
	beforeAll(async () => {
		server = await startSyncServer({
			database: await backend.open(),
			registry: testRegistry,
			logger: silentLogger,
			rateLimit: false
		});
		client = new TestClient(server);
	}, 60_000);
	afterAll(async () => {
		await server?.close();
	});
	return {
		get server() {
			if (!server) throw new Error('The test server starts in beforeAll.');
			return server;
		},
		get client() {
			if (!client) throw new Error('The test server starts in beforeAll.');
			return client;
		}
	};
}
