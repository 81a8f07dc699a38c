import { QUANTITY_MAX } from './limits';
import { latinNumberFormat, numberMarksOf } from './number-marks';
import { readDecimal } from './read-decimal';

/** What a person typed into a quantity box, as a whole number, or why it isn't one. */
export type QuantityInput = { ok: true; quantity: number } | { ok: false; message: string };

/**
 * Reads what a person typed as a quantity: a whole number from 1 to `QUANTITY_MAX`, written the
 * way `locale` writes numbers. Like `parseMoneyInput`, it reads exactly or refuses with a
 * message; it never lets a browser's number box decide (Chromium reads "1,5" as 15 and keeps
 * "1e3" as 1000, and a de-DE "1.000" arrives as 1):
 *
 * - Digits, grouped by the locale's mark (or a space or an apostrophe) in whole groups: "1,000"
 *   in en-US and "1.000" in de-DE are 1000. Full-width digits are read as digits.
 * - A decimal ("1,5" in de-DE, "2.5" in en-US), a group that is not whole ("1,5" in en-US),
 *   an exponent, a sign or anything else is refused: quantities are whole numbers.
 * - Digits of another script ("١٢٣") are refused with a message that says which to use, and a
 *   negative number with the least there can be.
 */
export function parseQuantityInput(text: string, locale: string): QuantityInput {
	const input = text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
	if (input === '') return refuse('Enter a quantity.');
	if (/[^\P{Nd}0-9]/u.test(input)) return refuse('Write the quantity with the digits 0 to 9.');
	if (/^[-−]\s*\d/u.test(input)) return refuse('The quantity must be at least 1.');
	const marks = numberMarksOf(locale);
	const reading = /^[\d\s.,'’]+$/u.test(input) ? readDecimal(input, marks, 0) : undefined;
	if (reading?.kind !== 'ok' || reading.fraction !== '' || input.endsWith(marks.decimal)) {
		return refuse('Use a whole number, such as 3');
	}
	const quantity = Number(reading.whole);
	if (quantity < 1) return refuse('The quantity must be at least 1.');
	if (reading.whole.length > 15 || quantity > QUANTITY_MAX) {
		return refuse(`The quantity can be at most ${formatCount(QUANTITY_MAX, locale)}`);
	}
	return { ok: true, quantity };
}

function formatCount(count: number, locale: string): string {
	return latinNumberFormat(locale).format(count);
}

function refuse(message: string): QuantityInput {
	return { ok: false, message };
}
