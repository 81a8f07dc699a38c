import { z } from 'zod';

/**
 * The largest amount Rewind handles, in cents: any single amount, order total or balance.
 * Well inside `Number.MAX_SAFE_INTEGER`, so sums of amounts stay exact integers.
 */
export const MAX_CENTS = 1_000_000_000_000;

/** A positive amount of money in minor units (cents), never a float. */
export const centsSchema = z
	.number({ error: 'Enter an amount.' })
	.int('Amounts are whole cents.')
	.positive('Enter an amount above zero.')
	.max(MAX_CENTS, 'That amount is too large.');

/** A price in minor units: zero is allowed (a free item), negative is not. */
export const priceCentsSchema = z
	.number({ error: 'Enter a price.' })
	.int('Prices are whole cents.')
	.min(0, 'A price cannot be negative.')
	.max(MAX_CENTS, 'That price is too large.');

/** An ISO 4217 currency code: three uppercase letters, e.g. `EUR`. */
export const currencySchema = z
	.string()
	.regex(/^[A-Z]{3}$/, 'A currency is a three-letter ISO 4217 code such as EUR.');

/**
 * Formats integer minor units as money: `formatMoney(1234, 'EUR', 'en')` is `€12.34`.
 * The number of minor digits comes from the currency (0 for JPY, 3 for BHD).
 */
export function formatMoney(cents: number, currency: string, locale?: string): string {
	if (!Number.isSafeInteger(cents)) {
		throw new RangeError(`Money is a whole number of minor units, not ${cents}.`);
	}
	const { format, digits } = formatterOf(currency, locale);
	return format.format(toDecimalString(cents, digits));
}

// Building a number format is costly next to using one, and lists format thousands of amounts.
const formatters = new Map<string, { format: Intl.NumberFormat; digits: number }>();

function formatterOf(currency: string, locale: string | undefined) {
	const key = `${locale ?? ''}|${currency}`;
	let formatter = formatters.get(key);
	if (!formatter) {
		const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
		formatter = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
		formatters.set(key, formatter);
	}
	return formatter;
}

// A decimal string is formatted exactly, where `cents / 100` as a float could round.
function toDecimalString(cents: number, digits: number): `${number}` {
	const sign = cents < 0 ? '-' : '';
	const units = Math.abs(cents)
		.toString()
		.padStart(digits + 1, '0');
	if (digits === 0) return `${sign}${units}` as `${number}`;
	const split = units.length - digits;
	return `${sign}${units.slice(0, split)}.${units.slice(split)}` as `${number}`;
}
