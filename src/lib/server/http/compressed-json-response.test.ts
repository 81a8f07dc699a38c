import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRegistry } from '../../testing';
import { openPgliteDatabase } from '../db/pglite-database';
import { silentLogger } from '../logger';
import { startSyncServer, type SyncServer } from '../sync-server';
import { counterEvent, TestClient } from '../testing';
import { acceptsBrotli, compressedJsonResponse } from './compressed-json-response';

const get = (headers: Record<string, string> = {}) =>
	new Request('http://rewind.test/', { headers });

async function decoded(response: Response): Promise<string> {
	const bytes = Buffer.from(await response.arrayBuffer());
	return response.headers.get('content-encoding') === 'br'
		? brotliDecompressSync(bytes).toString('utf8')
		: bytes.toString('utf8');
}

describe('acceptsBrotli', () => {
	it('reads br from Accept-Encoding, with its weight', () => {
		expect(acceptsBrotli('gzip, deflate, br, zstd')).toBe(true);
		expect(acceptsBrotli('BR;q=0.5')).toBe(true);
		expect(acceptsBrotli('br;q=0, gzip')).toBe(false);
		expect(acceptsBrotli('gzip, deflate')).toBe(false);
		expect(acceptsBrotli('brotli')).toBe(false);
		expect(acceptsBrotli(null)).toBe(false);
	});
});

describe('compressedJsonResponse', () => {
	const large = JSON.stringify({
		events: Array.from({ length: 200 }, (_, i) => ({ i, é: 'ü😀' }))
	});

	it('compresses for a client that accepts br, and the body decodes to the same JSON', async () => {
		const response = await compressedJsonResponse(large, get({ 'accept-encoding': 'gzip, br' }));
		expect(response.headers.get('content-encoding')).toBe('br');
		expect(response.headers.get('vary')).toBe('Accept-Encoding');
		expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(await decoded(response)).toBe(large);
	});

	it('sends plain JSON to a client that does not, and small bodies as they are', async () => {
		const plain = await compressedJsonResponse(large, get({ 'accept-encoding': 'gzip' }));
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(await plain.text()).toBe(large);
		const small = await compressedJsonResponse('{"a":1}', get({ 'accept-encoding': 'br' }));
		expect(small.headers.get('content-encoding')).toBeNull();
		expect(await small.text()).toBe('{"a":1}');
	});
});

describe('pull pages over br', () => {
	let server: SyncServer;
	let client: TestClient;

	beforeAll(async () => {
		server = await startSyncServer({
			database: await openPgliteDatabase(),
			registry: testRegistry,
			logger: silentLogger
		});
		client = new TestClient(server);
	}, 60_000);
	afterAll(() => server.close());

	it('are the same page, compressed, when the client accepts br', async () => {
		const session = await client.signup();
		const events = Array.from({ length: 40 }, (_, index) => counterEvent(`s-${index}`, 1));
		expect((await client.push(session.token, events)).status).toBe(200);
		const pull = (headers: Record<string, string>) =>
			server.handle(
				new Request('http://rewind.test/api/sync/pull?after=0&limit=100', {
					headers: { authorization: `Bearer ${session.token}`, ...headers }
				})
			);
		const compressed = await pull({ 'accept-encoding': 'gzip, deflate, br' });
		const plain = await pull({});
		expect(compressed.headers.get('content-encoding')).toBe('br');
		expect(plain.headers.get('content-encoding')).toBeNull();
		const page = JSON.parse(await decoded(compressed)) as { events: { eventId: string }[] };
		expect(page.events.map((event) => event.eventId)).toEqual(events.map((e) => e.eventId));
		expect(page).toEqual(JSON.parse(await plain.text()));
	});
});
