import { afterAll, beforeAll } from 'vitest';
import { testRegistry } from '../../testing';
import { silentLogger } from '../logger';
import { startSyncServer, type SyncServer } from '../sync-server';
import type { TestBackend } from './test-backends';
import { TestClient } from './test-client';

/**
 * A server on a fresh database of `backend` for the tests of one `describe`, started before
 * them (with no rate limit) and closed after. The client can be taken at once: it calls the
 * server that runs by the time a test does.
 */
export function useTestServer(backend: TestBackend): {
	readonly server: SyncServer;
	client: TestClient;
} {
	let server: SyncServer | undefined;
	const running = (): SyncServer => {
		if (!server) throw new Error('The test server starts in beforeAll.');
		return server;
	};
	beforeAll(async () => {
		server = await startSyncServer({
			database: await backend.open(),
			registry: testRegistry,
			logger: silentLogger,
			rateLimit: false
		});
	}, 60_000);
	afterAll(async () => {
		await server?.close();
	});
	return {
		get server() {
			return running();
		},
		client: new TestClient({ handle: (request, client) => running().handle(request, client) })
	};
}
