import { describe, expect, it } from 'vitest';
import { formatRecordNumber, parseNumberQuery, recordNumberText } from './record-number';
import { numberCommandIdOf, provisionalPrefix, seriesStreamOf } from './series-stream';

describe('formatRecordNumber', () => {
	it('pads the number to four digits after the prefix', () => {
		expect(formatRecordNumber({ prefix: 'B', number: 42, provisional: false })).toBe('B-0042');
		expect(formatRecordNumber({ prefix: 'AA', number: 12345, provisional: false })).toBe(
			'AA-12345'
		);
	});

	it('says so in plain text when the prefix is provisional', () => {
		expect(recordNumberText({ prefix: '7F3A', number: 3, provisional: true })).toBe(
			'7F3A-0003 (provisional)'
		);
	});
});

describe('parseNumberQuery', () => {
	it.each([
		['B-0042', { prefix: 'B', number: 42 }],
		['b 42', { prefix: 'B', number: 42 }],
		['b42', { prefix: 'B', number: 42 }],
		['7F3A-0003', { prefix: '7F3A', number: 3 }],
		['42', { number: 42 }],
		['#0042', { number: 42 }],
		[' 0042 ', { number: 42 }]
	])('reads "%s" as a number', (text, query) => {
		expect(parseNumberQuery(text)).toEqual(query);
	});

	it.each(['Ada', 'Ada Lovelace', '0', 'B-', 'mug 2 3', ''])('reads "%s" as words', (text) => {
		expect(parseNumberQuery(text)).toBeUndefined();
	});
});

describe('a device series', () => {
	it('is the stream of the device, with a provisional prefix from its id', () => {
		const stream = seriesStreamOf('device-7f3a9c2e-1111-4000-8000-000000000000');
		expect(stream).toBe('series-device-7f3a9c2e-1111-4000-8000-000000000000');
		expect(provisionalPrefix(stream)).toBe('7F3A');
	});

	it('derives the number command from the create command, so one action issues one number', () => {
		expect(numberCommandIdOf('c-1')).toBe(numberCommandIdOf('c-1'));
		expect(numberCommandIdOf('c-1')).not.toBe(numberCommandIdOf('c-2'));
	});
});
