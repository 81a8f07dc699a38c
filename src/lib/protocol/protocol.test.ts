import { describe, expect, it } from 'vitest';
import {
	DEFAULT_PULL_LIMIT,
	pullQuerySchema,
	pushRequestSchema,
	signupRequestSchema,
	syncedEventSchema,
	wireEventSchema
} from './index';

const event = {
	eventId: 'e-1',
	streamId: 'order-1',
	version: 1,
	type: 'OrderCreated',
	schemaVersion: 1,
	data: { customer: 'c' },
	metadata: {
		commandId: 'c-1',
		correlationId: 'c-1',
		userId: 'u-1',
		deviceId: 'd-1',
		occurredAt: '2024-05-01T10:00:00.000Z'
	}
};

describe('wireEventSchema', () => {
	it('strips what the device or the server owns: seq, sync, position, recordedAt, recordedBy', () => {
		const parsed = wireEventSchema.parse({
			...event,
			seq: 3,
			sync: 'pending',
			position: 9,
			recordedAt: '2024-05-01T10:00:00.000Z',
			recordedBy: 'someone'
		});
		expect(parsed).toEqual(event);
	});

	it('keeps data as sent, the very object', () => {
		const data = { nested: { a: [1, 2] } };
		expect(wireEventSchema.parse({ ...event, data }).data).toBe(data);
	});

	it.each([
		['an array as data', { data: [] }],
		['null data', { data: null }],
		['a stream id with a space', { streamId: 'order 1' }],
		['version 0', { version: 0 }],
		['a fractional version', { version: 1.5 }],
		['an empty eventId', { eventId: '' }],
		['metadata without occurredAt', { metadata: { ...event.metadata, occurredAt: undefined } }]
	])('refuses %s', (_, change) => {
		expect(wireEventSchema.safeParse({ ...event, ...change }).success).toBe(false);
	});

	it('describes what pull returns with the server-set fields', () => {
		const synced = {
			...event,
			position: 1,
			recordedAt: '2024-05-01T10:00:01.000Z',
			recordedBy: 'u-1'
		};
		expect(syncedEventSchema.parse(synced)).toEqual(synced);
	});
});

describe('pushRequestSchema', () => {
	it('takes 1 to 500 events and nothing else at the top level', () => {
		expect(pushRequestSchema.safeParse({ deviceId: 'd', events: [event] }).success).toBe(true);
		expect(pushRequestSchema.safeParse({ deviceId: 'd', events: [] }).success).toBe(false);
		expect(
			pushRequestSchema.safeParse({ deviceId: 'd', events: Array(501).fill(event) }).success
		).toBe(false);
		expect(pushRequestSchema.safeParse({ deviceId: 'd', events: [event], x: 1 }).success).toBe(
			false
		);
	});
});

describe('pullQuerySchema', () => {
	it('defaults after to 0 and limit to 500', () => {
		expect(pullQuerySchema.parse({})).toEqual({ after: 0, limit: DEFAULT_PULL_LIMIT });
	});

	it('reads whole numbers from query text', () => {
		expect(pullQuerySchema.parse({ after: '42', limit: '1000' })).toEqual({
			after: 42,
			limit: 1000
		});
	});

	it.each([{ limit: '0' }, { limit: '1001' }, { after: '-1' }, { after: '1e3' }, { after: ' 1' }])(
		'refuses %o',
		(query) => {
			expect(pullQuerySchema.safeParse(query).success).toBe(false);
		}
	);
});

describe('signupRequestSchema', () => {
	it('needs a workspace name unless an invite names the workspace', () => {
		const base = { name: 'ada', password: '12345678' };
		expect(signupRequestSchema.safeParse(base).success).toBe(false);
		expect(signupRequestSchema.safeParse({ ...base, workspace: 'w' }).success).toBe(true);
		expect(signupRequestSchema.safeParse({ ...base, invite: 'code' }).success).toBe(true);
	});

	it('needs a password of at least 8 characters', () => {
		const result = signupRequestSchema.safeParse({
			workspace: 'w',
			name: 'a',
			password: '1234567'
		});
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.path).toEqual(['password']);
	});
	it('checks names as sent, before trimming: spaces around a name never make room for a longer one', () => {
		const base = { password: '12345678' };
		const padded = `${' '.repeat(500)}ada${' '.repeat(500)}`;
		for (const body of [
			{ ...base, workspace: padded, name: 'ada' },
			{ ...base, workspace: 'w', name: padded },
			{ ...base, workspace: 'w', name: `${'a'.repeat(98)}   ` }
		]) {
			const result = signupRequestSchema.safeParse(body);
			expect(result.success).toBe(false);
			expect(result.error?.issues).toHaveLength(1);
		}
		// Within the limit as sent, a name is kept trimmed.
		expect(signupRequestSchema.parse({ ...base, workspace: ' w ', name: ' ada ' })).toMatchObject({
			workspace: 'w',
			name: 'ada'
		});
		expect(signupRequestSchema.safeParse({ ...base, workspace: 'w', name: '   ' }).success).toBe(
			false
		);
	});
});
