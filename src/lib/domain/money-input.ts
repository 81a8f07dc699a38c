/** What a person typed into a money field, as integer minor units, or why it isn't money. */
export type MoneyInput = { ok: true; cents: number } | { ok: false; message: string };

/**
 * Reads "12", "12.5", "12,50", "1,234.56" or "1.234,56" as cents of `currency`. A person types
 * decimals; the log stores integers, so this is the one place the two meet.
 */
export function parseMoneyInput(text: string, currency: string): MoneyInput {
	const digits = minorDigits(currency);
	const cleaned = text.replace(/[\s\u00a0'’]|\p{Sc}/gu, '');
	if (cleaned === '') return { ok: false, message: 'Enter an amount.' };
	if (cleaned.startsWith('-')) return { ok: false, message: 'Enter an amount above zero.' };
	if (!/^[\d.,]+$/.test(cleaned)) return { ok: false, message: 'Enter an amount such as 12.50.' };

	// The last separator followed by 1..digits digits is the decimal mark; the others group thousands.
	const match = digits > 0 ? cleaned.match(new RegExp(`^(.*?)[.,](\\d{1,${digits}})$`)) : null;
	const groups = (match ? match[1]! : cleaned).split(/[.,]/);
	const grouped =
		groups.length === 1 || groups.every((g, i) => (i === 0 ? /^\d{1,3}$/ : /^\d{3}$/).test(g));
	if (!grouped || (groups.join('') === '' && !match)) {
		return { ok: false, message: 'Enter an amount such as 12.50.' };
	}
	const whole = groups.join('');
	const fraction = match ? match[2]!.padEnd(digits, '0') : '0'.repeat(digits);
	const cents = Number(`${whole || '0'}${fraction}`);
	if (!Number.isSafeInteger(cents)) return { ok: false, message: 'That amount is too large.' };
	return { ok: true, cents };
}

/** The number of minor digits of a currency: 2 for EUR, 0 for JPY, 3 for BHD. */
export function minorDigits(currency: string): number {
	try {
		const options = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions();
		return options.maximumFractionDigits ?? 2;
	} catch {
		return 2;
	}
}

/** Cents as a plain decimal for an input's value: 1250 EUR → "12.50". */
export function centsToInput(cents: number, currency: string): string {
	const digits = minorDigits(currency);
	if (digits === 0) return String(cents);
	const padded = String(Math.abs(cents)).padStart(digits + 1, '0');
	return `${cents < 0 ? '-' : ''}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}
