import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { eventTime } from './envelope';
import { assertStreamId, categoryOf, idOf, streamIdOf } from './stream-id';

describe('assertStreamId', () => {
	it.each(['order-6f1c', 'a', 'A.b:c_d-e', 'x'.repeat(200), 'account-123:456'])(
		'accepts %s',
		(streamId) => {
			expect(() => assertStreamId(streamId)).not.toThrow();
		}
	);

	it.each([
		['empty', ''],
		['201 characters', 'x'.repeat(201)],
		['a space', 'order 1'],
		['a slash', 'order/1'],
		['a non-ASCII letter', 'ordér-1'],
		['a newline', 'order-1\n']
	])('refuses a stream id with %s as a ValidationError', (_, streamId) => {
		expect(() => assertStreamId(streamId)).toThrow(ValidationError);
		expect(() => assertStreamId(streamId)).toThrow(/not a valid record id/);
	});

	it.each([undefined, null, 42, {}])('refuses %s, which is not a string', (streamId) => {
		expect(() => assertStreamId(streamId)).toThrow(ValidationError);
	});
});

describe('streamIdOf, categoryOf and idOf', () => {
	it('join a category and an id and split them again at the first dash', () => {
		const streamId = streamIdOf('order', '6f1c-aa');
		expect(streamId).toBe('order-6f1c-aa');
		expect(categoryOf(streamId)).toBe('order');
		expect(idOf(streamId)).toBe('6f1c-aa');
	});

	it('refuse a category containing a dash', () => {
		expect(() => streamIdOf('or-der', '1')).toThrow(ValidationError);
	});

	it('refuse an id that makes an invalid stream id', () => {
		expect(() => streamIdOf('order', 'a b')).toThrow(ValidationError);
	});

	it('treat a stream id without a dash as all category', () => {
		expect(categoryOf('settings')).toBe('settings');
		expect(idOf('settings')).toBe('');
	});
});

describe('eventTime', () => {
	it("is the server's recordedAt once synced, else the device's occurredAt", () => {
		const metadata = {
			commandId: 'c',
			correlationId: 'c',
			userId: 'u',
			deviceId: 'd',
			occurredAt: '2024-05-01T10:00:00.000Z'
		};
		expect(eventTime({ metadata })).toBe('2024-05-01T10:00:00.000Z');
		expect(eventTime({ metadata, recordedAt: '2024-05-02T00:00:00.000Z' })).toBe(
			'2024-05-02T00:00:00.000Z'
		);
	});
});
