import { describe, it, expect } from 'vitest';
import { centsSchema, currencySchema, formatMoney, MAX_CENTS, priceCentsSchema } from './money';

describe('formatMoney', () => {
	it('formats cents with the currency symbol', () => {
		expect(formatMoney(1234, 'EUR', 'en')).toBe('€12.34');
		expect(formatMoney(5, 'USD', 'en-US')).toBe('$0.05');
		expect(formatMoney(0, 'GBP', 'en-GB')).toBe('£0.00');
	});

	it('follows the locale', () => {
		expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
	});

	it('knows currencies without minor units', () => {
		expect(formatMoney(1234, 'JPY', 'en')).toBe('¥1,234');
	});

	it('knows currencies with three minor digits', () => {
		expect(formatMoney(1234, 'BHD', 'en')).toMatch(/^BHD\s1\.234$/);
	});

	it('formats negative and very large amounts exactly', () => {
		expect(formatMoney(-1999, 'EUR', 'en')).toBe('-€19.99');
		expect(formatMoney(Number.MAX_SAFE_INTEGER, 'EUR', 'en')).toBe('€90,071,992,547,409.91');
	});

	it('refuses fractions of a cent', () => {
		expect(() => formatMoney(12.5, 'EUR', 'en')).toThrow(RangeError);
		expect(() => formatMoney(Number.NaN, 'EUR', 'en')).toThrow(RangeError);
	});
});

describe('centsSchema', () => {
	it('takes positive whole cents up to the maximum', () => {
		expect(centsSchema.parse(1)).toBe(1);
		expect(centsSchema.parse(MAX_CENTS)).toBe(MAX_CENTS);
	});

	it.each([0, -1, 1.5, MAX_CENTS + 1, Number.NaN, Number.POSITIVE_INFINITY, '100'])(
		'refuses %s',
		(value) => {
			expect(centsSchema.safeParse(value).success).toBe(false);
		}
	);
});

describe('priceCentsSchema', () => {
	it('takes zero for a free item but nothing negative', () => {
		expect(priceCentsSchema.parse(0)).toBe(0);
		expect(priceCentsSchema.safeParse(-1).success).toBe(false);
		expect(priceCentsSchema.safeParse(0.5).success).toBe(false);
	});
});

describe('currencySchema', () => {
	it('takes three uppercase letters', () => {
		expect(currencySchema.parse('EUR')).toBe('EUR');
	});

	it.each(['eur', 'EU', 'EURO', '€', ''])('refuses %j', (value) => {
		expect(currencySchema.safeParse(value).success).toBe(false);
	});
});
