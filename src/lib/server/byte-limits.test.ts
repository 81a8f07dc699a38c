import { describe, expect, it } from 'vitest';
import {
	invalidEventBodySchema,
	invalidRequestBodySchema,
	jsonByteLength,
	MAX_BODY_BYTES,
	MAX_EVENT_BYTES,
	MAX_PULL_PAGE_BYTES,
	MAX_VERSION,
	pullResponseSchema,
	type SyncedEvent,
	type WireEvent
} from '../protocol';
import { counterEvent, testBackends, useTestServer } from './testing';

/** A NoteWritten (v2) event whose JSON is exactly `bytes` long, its title made of `unit`. */
function noteOfSize(streamId: string, version: number, bytes: number, unit = 'x'): WireEvent {
	const event = counterEvent(streamId, version, {
		type: 'NoteWritten',
		schemaVersion: 2,
		data: { title: '' }
	});
	const room = bytes - jsonByteLength(event);
	const unitBytes = new TextEncoder().encode(unit).byteLength;
	const title = unit.repeat(Math.floor(room / unitBytes)) + 'x'.repeat(room % unitBytes);
	const sized = { ...event, data: { title } };
	expect(jsonByteLength(sized)).toBe(bytes);
	return sized;
}

function rewoundEvent(streamId: string, version: number, data: Record<string, unknown>): WireEvent {
	return counterEvent(streamId, version, { type: '$Rewound', schemaVersion: 1, data });
}

describe.each(testBackends())('byte limits on $kind', { timeout: 60_000 }, (backend) => {
	const test = useTestServer(backend);
	const { client } = test;

	describe('one event at most 64 KiB of JSON', () => {
		it('stores an event of exactly MAX_EVENT_BYTES and refuses one byte more: 413 with its eventId', async () => {
			const session = await client.signup();
			const atLimit = noteOfSize('note-a', 1, MAX_EVENT_BYTES);
			expect((await client.push(session.token, [atLimit])).status).toBe(200);

			const over = noteOfSize('note-b', 1, MAX_EVENT_BYTES + 1);
			const response = await client.push(session.token, [counterEvent('counter-1', 1), over]);
			expect(response.status).toBe(413);
			expect(response.body).toMatchObject({
				error: 'payload_too_large',
				eventId: over.eventId,
				limit: MAX_EVENT_BYTES
			});
			expect(response.body.message).toContain(String(MAX_EVENT_BYTES));
			const stored = await client.pullAll(session.token);
			expect(stored.map((event) => event.eventId)).toEqual([atLimit.eventId]);
		});

		it('counts UTF-8 bytes, not characters: "€" over 64 KiB in bytes, under it in characters', async () => {
			const session = await client.signup();
			const euros = noteOfSize('note-e', 1, MAX_EVENT_BYTES + 3, '€');
			expect(JSON.stringify(euros).length).toBeLessThan(MAX_EVENT_BYTES);
			const response = await client.push(session.token, [euros]);
			expect(response.status).toBe(413);
			expect(response.body.eventId).toBe(euros.eventId);
		});

		it('refuses a million spaces in a body under 1 MiB as too large, not as a one-letter title', async () => {
			const session = await client.signup();
			const padded = counterEvent('note-p', 1, {
				type: 'NoteWritten',
				schemaVersion: 2,
				data: { title: ' '.repeat(1_000_000) + 'x' }
			});
			expect(JSON.stringify({ deviceId: 'd', events: [padded] }).length).toBeLessThan(
				MAX_BODY_BYTES
			);
			const response = await client.push(session.token, [padded]);
			expect(response.status).toBe(413);
			expect(response.body).toMatchObject({ error: 'payload_too_large', eventId: padded.eventId });
			expect(await client.pullAll(session.token)).toEqual([]);
		});
	});

	describe('every field of $Rewound is bounded', () => {
		const id200 = 'c'.repeat(200);

		it('accepts undoes and redoes of 200 characters and toVersion up to MAX_VERSION', async () => {
			const session = await client.signup();
			const response = await client.push(session.token, [
				counterEvent('counter-r', 1),
				rewoundEvent('counter-r', 2, { toVersion: 1, undoes: id200 }),
				rewoundEvent('counter-r', 3, { toVersion: MAX_VERSION, redoes: id200 })
			]);
			expect(response.status).toBe(200);
		});

		it.each([
			['undoes', { toVersion: 0, undoes: `${id200}c` }],
			['redoes', { toVersion: 0, redoes: `${id200}c` }],
			['toVersion', { toVersion: MAX_VERSION + 1 }]
		])('refuses an over-long %s: 422 naming the field', async (field, data) => {
			const session = await client.signup();
			const event = rewoundEvent('counter-r', 1, data);
			const response = await client.push(session.token, [event]);
			expect(response.status).toBe(422);
			const body = invalidEventBodySchema.parse(response.body);
			expect(body.eventId).toBe(event.eventId);
			expect(body.issues.map((issue) => issue.path)).toEqual([['data', field]]);
		});

		it('refuses undoes of a million characters as too large: 413', async () => {
			const session = await client.signup();
			const event = rewoundEvent('counter-r', 1, { toVersion: 0, undoes: 'u'.repeat(1_000_000) });
			const response = await client.push(session.token, [event]);
			expect(response.status).toBe(413);
			expect(response.body.eventId).toBe(event.eventId);
		});
	});

	describe('every string of the envelope is bounded: 400 naming the field', () => {
		const longTime = `2024-05-01T10:00:00.${'0'.repeat(19)}Z`;
		const cases: [string, (event: WireEvent) => unknown, (string | number)[]][] = [
			['eventId', (e) => ({ ...e, eventId: 'e'.repeat(201) }), ['eventId']],
			['streamId', (e) => ({ ...e, streamId: 's'.repeat(201) }), ['streamId']],
			['type', (e) => ({ ...e, type: 'T'.repeat(201) }), ['type']],
			...(['commandId', 'correlationId', 'causationId', 'userId', 'deviceId'] as const).map(
				(key): [string, (event: WireEvent) => unknown, (string | number)[]] => [
					`metadata.${key}`,
					(e) => ({ ...e, metadata: { ...e.metadata, [key]: 'i'.repeat(201) } }),
					['metadata', key]
				]
			),
			[
				'metadata.occurredAt',
				(e) => ({ ...e, metadata: { ...e.metadata, occurredAt: `${longTime}0` } }),
				['metadata', 'occurredAt']
			]
		];

		it.each(cases)('%s', async (_, change, path) => {
			const session = await client.signup();
			const response = await client.push(session.token, [
				change(counterEvent('counter-m', 1)) as WireEvent
			]);
			expect(response.status).toBe(400);
			const body = invalidRequestBodySchema.parse(response.body);
			expect(body.issues.map((issue) => issue.path)).toContainEqual(['events', 0, ...path]);
		});

		it('the push deviceId', async () => {
			const session = await client.signup();
			const response = await client.push(session.token, [counterEvent('c', 1)], 'd'.repeat(201));
			expect(response.status).toBe(400);
			expect(invalidRequestBodySchema.parse(response.body).issues[0]?.path).toEqual(['deviceId']);
		});

		it('accepts an occurredAt of 40 characters', async () => {
			const session = await client.signup();
			const event = counterEvent('counter-t', 1);
			event.metadata.occurredAt = longTime;
			expect(longTime).toHaveLength(40);
			expect((await client.push(session.token, [event])).status).toBe(200);
		});
	});

	describe('pull pages stop at the byte budget', () => {
		it('serves events near the limit in pages under 4 MiB, every event exactly once, in order', async () => {
			const session = await client.signup();
			const pushed: WireEvent[] = [];
			// 15 events of 64 KiB make a push of about 1 MiB; 10 pushes make 150 events, 9.6 MiB.
			for (let push = 0; push < 10; push++) {
				const events = Array.from({ length: 15 }, (_, index) =>
					noteOfSize(`note-${push}-${index}`, 1, MAX_EVENT_BYTES - 64, index % 2 ? 'é' : 'x')
				);
				const response = await client.push(session.token, events);
				expect(response.status).toBe(200);
				pushed.push(...events);
			}

			const pulled: SyncedEvent[] = [];
			let pages = 0;
			for (let after = 0; ; pages++) {
				const response = await client.pull(session.token, after, 1000);
				expect(response.status).toBe(200);
				const sent = new TextEncoder().encode(response.text).byteLength;
				expect(sent).toBeLessThanOrEqual(MAX_PULL_PAGE_BYTES);
				const page = pullResponseSchema.parse(response.body);
				expect(page.events.length).toBeGreaterThan(0);
				pulled.push(...page.events);
				if (!page.hasMore) break;
				after = page.events.at(-1)!.position;
			}
			expect(pages).toBeGreaterThanOrEqual(2);
			expect(pulled.map((event) => event.eventId)).toEqual(pushed.map((event) => event.eventId));
			const positions = pulled.map((event) => event.position);
			expect(positions).toEqual([...positions].sort((a, b) => a - b));
		});

		it('counts what JSON escapes: event ids of control characters, 1000 to a page by count', async () => {
			const session = await client.signup();
			const pushed: WireEvent[] = [];
			// Each id is 200 characters, 190 of them U+0001, which JSON writes as six bytes each:
			// 1000 events of about 4.3 KB are over the 4 MiB budget, counted by what is sent.
			for (let push = 0; push < 5; push++) {
				const events = Array.from({ length: 200 }, (_, index) => {
					const number = String(push * 200 + index).padStart(10, '0');
					const event = noteOfSize(`escaped-${number}`, 1, 4_300 - 190 * 6 + 190);
					return { ...event, eventId: number + '\u0001'.repeat(190) };
				});
				const response = await client.push(session.token, events);
				expect(response.status).toBe(200);
				pushed.push(...events);
			}
			const pulled: SyncedEvent[] = [];
			for (let after = 0; ;) {
				const response = await client.pull(session.token, after, 1000);
				expect(response.status).toBe(200);
				const sent = new TextEncoder().encode(response.text).byteLength;
				expect(sent).toBeLessThanOrEqual(MAX_PULL_PAGE_BYTES);
				const page = pullResponseSchema.parse(response.body);
				pulled.push(...page.events);
				if (!page.hasMore) break;
				after = page.events.at(-1)!.position;
			}
			expect(pulled.map((event) => event.eventId)).toEqual(pushed.map((event) => event.eventId));
		});

		it('still serves an event stored above today’s limits, alone on its page', async () => {
			const session = await client.signup();
			const small = (streamId: string) => counterEvent(streamId, 1);
			const before = [small('a'), small('b'), small('c')];
			expect((await client.push(session.token, before)).status).toBe(200);
			// Stored as an older server would have taken it: 5 MiB, over the event and page limits.
			const huge = counterEvent('old', 1, {
				type: 'NoteWritten',
				schemaVersion: 2,
				data: { title: 'z'.repeat(5 * 1024 * 1024) }
			});
			await test.server.database.query(
				`INSERT INTO events (workspace_id, stream_id, version, event_id, type, schema_version,
					data, metadata, device_id, recorded_at, recorded_by)
				VALUES ($1::text, $2::text, 1, $3::text, $4::text, 2, $5::text::jsonb, $6::text::jsonb,
					'old-device', now(), $7::text)`,
				[
					session.workspaceId,
					huge.streamId,
					huge.eventId,
					huge.type,
					JSON.stringify(huge.data),
					JSON.stringify(huge.metadata),
					session.userId
				]
			);
			const after = [small('d'), small('e')];
			expect((await client.push(session.token, after)).status).toBe(200);

			const first = await client.pullPage(session.token, 0, 1000);
			expect(first.events.map((event) => event.eventId)).toEqual(
				before.map((event) => event.eventId)
			);
			expect(first.hasMore).toBe(true);
			const second = await client.pullPage(session.token, first.events.at(-1)!.position, 1000);
			expect(second.events.map((event) => event.eventId)).toEqual([huge.eventId]);
			expect(second.events[0]!.data).toEqual(huge.data);
			expect(second.hasMore).toBe(true);
			const third = await client.pullPage(session.token, second.events[0]!.position, 1000);
			expect(third.events.map((event) => event.eventId)).toEqual(
				after.map((event) => event.eventId)
			);
			expect(third.hasMore).toBe(false);
		});

		it('still counts events by limit when they are small', async () => {
			const session = await client.signup();
			const events = Array.from({ length: 5 }, (_, index) => counterEvent(`s-${index}`, 1));
			expect((await client.push(session.token, events)).status).toBe(200);
			const page = await client.pullPage(session.token, 0, 2);
			expect(page.events).toHaveLength(2);
			expect(page.hasMore).toBe(true);
		});
	});
});
