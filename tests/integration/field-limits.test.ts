// The server against the app's own event types: every string field of every type is refused
// over its length as sent (422 naming it) and over the event's byte limit (413 naming the event).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	domainRegistry,
	domainStringFields,
	sampleFor,
	stretched,
	valueAt,
	withValue
} from '../../src/lib/domain/fixtures/string-fields';
import { invalidEventBodySchema, MAX_EVENT_BYTES, type WireEvent } from '../../src/lib/protocol';
import { silentLogger } from '../../src/lib/server/logger';
import { startSyncServer, type SyncServer } from '../../src/lib/server/sync-server';
import { TestClient, testBackends } from '../../src/lib/server/testing';
import type { SessionResponse } from '../../src/lib/protocol';

const fields = domainStringFields.map(
	(field) => [`${field.type}.${field.path.join('.')}`, field] as const
);

function wireWith(field: (typeof fields)[number][1], value: string): WireEvent {
	const {
		eventId: _,
		seq: _seq,
		sync: _sync,
		position: _p,
		recordedAt: _r,
		recordedBy: _b,
		...sample
	} = sampleFor(field);
	return {
		...sample,
		eventId: crypto.randomUUID(),
		version: 1,
		data: withValue(sample.data, field.path, value) as WireEvent['data']
	};
}

describe.each(testBackends())(
	'string limits of the app’s events on $kind',
	{ timeout: 60_000 },
	(backend) => {
		let server: SyncServer;
		let client: TestClient;
		let session: SessionResponse;

		beforeAll(async () => {
			server = await startSyncServer({
				database: await backend.open(),
				registry: domainRegistry,
				logger: silentLogger,
				rateLimit: false
			});
			client = new TestClient(server);
			session = await client.signup();
		}, 60_000);

		afterAll(async () => {
			await server?.close();
		});

		it.each(fields)(
			'%s: over its length as sent is 422 naming it, over 64 KiB is 413',
			async (_, field) => {
				const value = valueAt(sampleFor(field).data, field.path) as string;
				const max = field.schema.maxLength;
				// A pattern-bounded field (a currency code) is over its length with one character more.
				const overLength = max === undefined ? `${value} ` : stretched(value, max + 1);
				const tooLong = wireWith(field, overLength);
				const refused = await client.push(session.token, [tooLong]);
				expect(refused.status).toBe(422);
				const body = invalidEventBodySchema.parse(refused.body);
				expect(body.eventId).toBe(tooLong.eventId);
				expect(body.issues.map((issue) => issue.path)).toEqual([['data', ...field.path]]);

				const huge = wireWith(field, 'x'.repeat(MAX_EVENT_BYTES));
				const tooLarge = await client.push(session.token, [huge]);
				expect(tooLarge.status).toBe(413);
				expect(tooLarge.body).toMatchObject({ error: 'payload_too_large', eventId: huge.eventId });

				expect(await client.pullAll(session.token)).toEqual([]);
			}
		);
	}
);
