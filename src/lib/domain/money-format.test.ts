import { describe, expect, it } from 'vitest';
import { plainDecimal } from './money-format';

describe('plainDecimal', () => {
	it("writes the currency's minor digits with a point, no sign and no grouping", () => {
		expect(plainDecimal(123450, 'EUR')).toBe('1234.50');
		expect(plainDecimal(5, 'EUR')).toBe('0.05');
		expect(plainDecimal(0, 'USD')).toBe('0.00');
		expect(plainDecimal(123456789, 'EUR')).toBe('1234567.89');
	});

	it('follows the currency: none for JPY, three for BHD', () => {
		expect(plainDecimal(1234, 'JPY')).toBe('1234');
		expect(plainDecimal(1234, 'BHD')).toBe('1.234');
	});

	it('keeps the minus of a negative amount', () => {
		expect(plainDecimal(-1250, 'EUR')).toBe('-12.50');
	});

	it('refuses anything but whole minor units', () => {
		expect(() => plainDecimal(12.5, 'EUR')).toThrow(RangeError);
		expect(() => plainDecimal(Number.NaN, 'EUR')).toThrow(RangeError);
	});
});
