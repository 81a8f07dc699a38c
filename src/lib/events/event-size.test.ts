import { describe, expect, it } from 'vitest';
import { jsonByteLength, jsonBytesOver, utf8ByteLength } from './event-size';

const encoded = (text: string) => new TextEncoder().encode(text).byteLength;

describe('utf8ByteLength', () => {
	it.each([
		['ASCII', 'plain text'],
		['two-byte letters', 'Ærøskøbing'],
		['three-byte signs', '€ 12,50 — ¥'],
		['four-byte pairs', '🙂👍🏽 𝄞'],
		['a mix at the edges of each width', '\u007f\u0080\u07ff\u0800\uffff\u{10000}\u{10ffff}']
	])('counts %s as UTF-8 does', (_, text) => {
		expect(utf8ByteLength(text)).toBe(encoded(text));
	});
});

describe('jsonByteLength', () => {
	it('is the UTF-8 size of JSON.stringify, escapes included', () => {
		const value = { note: 'line\nbreak "quoted" \\ tab\t', emoji: '🙂', n: [1, 2.5, -3e21] };
		expect(jsonByteLength(value)).toBe(encoded(JSON.stringify(value)));
	});

	it('counts a lone surrogate as JSON.stringify writes it: a six-byte escape', () => {
		expect(jsonByteLength('\ud800')).toBe('"\\ud800"'.length);
	});

	it('is 0 for what JSON cannot write', () => {
		expect(jsonByteLength(undefined)).toBe(0);
	});
});

describe('jsonBytesOver', () => {
	const limit = 300;
	// The JSON of a string is its text in quotes: 2 bytes more than the text.
	it.each([
		['ASCII at the limit', 'a'.repeat(limit - 2), undefined],
		['ASCII one byte over', 'a'.repeat(limit - 1), limit + 1],
		['three-byte signs under a third of the limit in units, which fit', '€'.repeat(99), undefined],
		['three-byte signs over the limit in bytes, under it in units', '€'.repeat(100), 302],
		['four-byte pairs just over', '🙂'.repeat(75), 302],
		['two-byte letters at the limit exactly', 'ø'.repeat(149), undefined]
	])('%s', (_, text, over) => {
		expect(jsonBytesOver(text, limit)).toBe(over);
		if (over !== undefined) expect(over).toBe(encoded(JSON.stringify(text)));
	});

	it('is undefined for what JSON cannot write', () => {
		expect(jsonBytesOver(undefined, 0)).toBeUndefined();
	});
});
