import { describe, expect, it } from 'vitest';
import { centsToInput, parseMoneyInput } from './money-input';

describe('parseMoneyInput', () => {
	it.each([
		['12', 'EUR', 1200],
		['12.5', 'EUR', 1250],
		['12,50', 'EUR', 1250],
		['0.07', 'EUR', 7],
		['1,234.56', 'USD', 123456],
		['1.234,56', 'EUR', 123456],
		['1 234,56', 'EUR', 123456],
		['€ 3.99', 'EUR', 399],
		['1500', 'JPY', 1500],
		['1,500', 'JPY', 1500],
		['1.234', 'BHD', 1234],
		['.5', 'EUR', 50]
	])('reads %s %s as %i cents', (text, currency, cents) => {
		expect(parseMoneyInput(text, currency)).toEqual({ ok: true, cents });
	});

	it.each([
		['', 'Enter an amount.'],
		['   ', 'Enter an amount.'],
		['-5', 'Enter an amount above zero.'],
		['abc', 'Enter an amount such as 12.50.'],
		['12.3.4x', 'Enter an amount such as 12.50.'],
		['12.3.4', 'Enter an amount such as 12.50.'],
		['1,23,456', 'Enter an amount such as 12.50.'],
		['99999999999999999999', 'That amount is too large.']
	])('refuses %j with "%s"', (text, message) => {
		expect(parseMoneyInput(text, 'EUR')).toEqual({ ok: false, message });
	});

	it('never goes through floating point: 0.29 is 29 cents, not 28', () => {
		expect(parseMoneyInput('0.29', 'EUR')).toEqual({ ok: true, cents: 29 });
		expect(parseMoneyInput('1.005', 'BHD')).toEqual({ ok: true, cents: 1005 });
	});
});

describe('centsToInput', () => {
	it('writes cents back as the decimal a person would type', () => {
		expect(centsToInput(1250, 'EUR')).toBe('12.50');
		expect(centsToInput(7, 'EUR')).toBe('0.07');
		expect(centsToInput(1500, 'JPY')).toBe('1500');
		expect(parseMoneyInput(centsToInput(123456, 'EUR'), 'EUR')).toEqual({
			ok: true,
			cents: 123456
		});
	});
});
