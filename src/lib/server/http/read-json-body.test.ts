import { describe, expect, it } from 'vitest';
import { InvalidRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors';
import { findUnstorableValue, MAX_JSON_DEPTH } from './find-unstorable-value';
import { readJsonBody } from './read-json-body';

function post(
	body: BodyInit,
	headers: Record<string, string> = { 'content-type': 'application/json' }
) {
	return new Request('http://x/', { method: 'POST', body, headers });
}

describe('readJsonBody', () => {
	it('parses JSON sent as application/json, with or without a charset', async () => {
		expect(await readJsonBody(post('{"a":1}'))).toEqual({ a: 1 });
		expect(
			await readJsonBody(post('[1]', { 'content-type': 'Application/JSON; charset=utf-8' }))
		).toEqual([1]);
	});

	it('refuses any other content type before reading', async () => {
		await expect(readJsonBody(post('{}', { 'content-type': 'text/plain' }))).rejects.toThrow(
			UnsupportedMediaTypeError
		);
	});

	it('refuses by Content-Length, and by counted bytes when the header lies or is missing', async () => {
		const headers = { 'content-type': 'application/json', 'content-length': '11' };
		await expect(readJsonBody(post('{}', headers), { maxBytes: 10 })).rejects.toThrow(
			PayloadTooLargeError
		);
		await expect(readJsonBody(post(`"${'x'.repeat(20)}"`), { maxBytes: 10 })).rejects.toThrow(
			PayloadTooLargeError
		);
	});

	it('refuses malformed JSON and empty bodies unless asked to allow them', async () => {
		await expect(readJsonBody(post('{'))).rejects.toThrow(InvalidRequestError);
		await expect(readJsonBody(post(''))).rejects.toThrow(InvalidRequestError);
		expect(await readJsonBody(post(''), { allowEmpty: true })).toBeUndefined();
	});
});

describe('findUnstorableValue', () => {
	it('finds U+0000 and lone surrogates in values and keys, with their path', () => {
		expect(findUnstorableValue({ a: ['ok', 'bad\u0000'] })?.path).toEqual(['a', 1]);
		expect(findUnstorableValue({ a: '\ud800' })?.path).toEqual(['a']);
		expect(findUnstorableValue({ a: 'x\udc00' })?.path).toEqual(['a']);
		expect(findUnstorableValue({ 'k\u0000': 1 })?.path).toEqual([]);
	});

	it('accepts paired surrogates (emoji) and ordinary text', () => {
		expect(findUnstorableValue({ a: '😀 ok', b: [1, null, true] })).toBeUndefined();
	});

	it('refuses nesting deeper than the limit without overflowing the stack', () => {
		const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
		expect(findUnstorableValue(deep)?.message).toMatch(/deeper/);
		let ok: unknown = 1;
		for (let i = 0; i < MAX_JSON_DEPTH; i++) ok = [ok];
		expect(findUnstorableValue(ok)).toBeUndefined();
	});
});
