import { describe, expect, it } from 'vitest';
import { parseQuantityInput } from './quantity-input';

const read = (text: string, locale: string) => {
	const result = parseQuantityInput(text, locale);
	return result.ok ? result.quantity : result.message;
};

describe('parseQuantityInput: a whole number, read as the locale writes it, or refused', () => {
	it.each([
		['3', 'en-US', 3],
		[' 12 \n', 'en-US', 12],
		['1,000', 'en-US', 1000],
		['1.000', 'de-DE', 1000],
		['1 000', 'fr-FR', 1000],
		['1\u202f000', 'fr-FR', 1000],
		["1'000", 'de-CH', 1000],
		['1,00,000', 'en-IN', 100000],
		['１２', 'ja-JP', 12],
		['1000000', 'en-US', 1_000_000]
	])('reads %j in %s as %d', (text, locale, quantity) => {
		expect(read(text, locale)).toBe(quantity);
	});

	it.each([
		['1,5', 'de-DE'],
		['3,0', 'de-DE'],
		['1,5', 'en-US'],
		['2.5', 'en-US'],
		['1.000', 'en-US'],
		['1,000', 'de-DE'],
		['12.', 'en-US'],
		['.5', 'en-US'],
		['1e3', 'en-US'],
		['4e1', 'de-DE'],
		['0x10', 'en-US'],
		['+5', 'en-US'],
		['two', 'en-US']
	])('refuses %j in %s as not a whole number', (text, locale) => {
		expect(read(text, locale)).toMatch(/^Use a whole number, such as 3$/);
	});

	it('says how to write it: empty, zero, too many, other digits', () => {
		expect(read('  ', 'en-US')).toBe('Enter a quantity.');
		expect(read('0', 'en-US')).toBe('The quantity must be at least 1.');
		expect(read('-3', 'en-US')).toBe('The quantity must be at least 1.');
		expect(read('− 1', 'en-US')).toBe('The quantity must be at least 1.');
		expect(read('1000001', 'en-US')).toBe('The quantity can be at most 1,000,000');
		expect(read('1.000.001', 'de-DE')).toBe('The quantity can be at most 1.000.000');
		expect(read('99999999999999999999', 'en-US')).toBe('The quantity can be at most 1,000,000');
		expect(read('١٢٣', 'ar-EG')).toBe('Write the quantity with the digits 0 to 9.');
		expect(read('۱۲۳', 'fa-IR')).toBe('Write the quantity with the digits 0 to 9.');
	});
});
