import { describe, expect, it } from 'vitest';
import { sameJson } from './same-json';

// The comparison behind an idempotent re-push: a re-pushed event is acknowledged only when its
// data is the stored data, read back from jsonb with its keys in jsonb's own order.
describe('sameJson', () => {
	it.each([
		['equal scalars', 1, 1],
		[
			'keys in another order, nested too',
			{ a: 1, b: { c: [1, { d: 'x', e: null }] } },
			{ b: { c: [1, { e: null, d: 'x' }] }, a: 1 }
		],
		['empty objects', {}, {}],
		['empty arrays', [], []]
	])('holds for %s', (_, a, b) => {
		expect(sameJson(a, b)).toBe(true);
		expect(sameJson(b, a)).toBe(true);
	});

	it.each([
		['a key more on one side', { by: 1 }, { by: 1, note: 'x' }],
		['a key missing and another in its place', { by: 1, a: undefined }, { by: 1, b: 2 }],
		['another value deep down', { a: { b: [1, 2] } }, { a: { b: [1, 3] } }],
		['an array in another order', [1, 2], [2, 1]],
		['an array longer', [1], [1, 1]],
		['an array and an object with its indexes', [1], { 0: 1 }],
		['null and an empty object', null, {}],
		['a number and its string', 1, '1'],
		['false and 0', false, 0]
	])('fails for %s', (_, a, b) => {
		expect(sameJson(a, b)).toBe(false);
		expect(sameJson(b, a)).toBe(false);
	});
});
