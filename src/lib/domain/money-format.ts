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

/**
 * Minor units as a plain decimal for files other programs read: `plainDecimal(123450, 'EUR')` is
 * `1234.50`, with no currency sign, no grouping, and a point whatever the locale.
 */
export function plainDecimal(cents: number, currency: string): string {
	if (!Number.isSafeInteger(cents)) {
		throw new RangeError(`Money is a whole number of minor units, not ${cents}.`);
	}
	return toDecimalString(cents, formatterOf(currency, 'en').digits);
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
