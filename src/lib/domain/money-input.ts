import {
	currencyPluralName,
	currencySigns,
	looksLikeCurrency,
	minorDigits
} from './currency-signs';
import { MAX_CENTS } from './limits';
import { latinNumberFormat, numberMarksOf } from './number-marks';
import {
	COMMA_DECIMALS,
	POINT_DECIMALS,
	readDecimal,
	type Convention,
	type Reading
} from './read-decimal';

export { minorDigits } from './currency-signs';

/** What a person typed into a money field, as integer minor units, or why it isn't money. */
export type MoneyInput = { ok: true; cents: number } | { ok: false; message: string };

export interface MoneyInputOptions {
	/** Whether 0 is an answer (a free item's price) rather than a mistake. */
	allowZero?: boolean;
}

type Read = Extract<Reading, { whole: string }>;

/**
 * Reads what a person typed as integer minor units of `currency`, the way `locale` writes
 * numbers. A person types decimals; the log stores integers, so this is the one place the two
 * meet. It reads exactly or refuses with a message that shows how to write the amount; it
 * never guesses:
 *
 * - The locale's marks mean what the locale says: "1,234.50" in en-US and "1.234,50" in de-DE
 *   are 123450 cents. A space (plain, no-break or narrow no-break) or an apostrophe (' or ’)
 *   groups digits in any locale, since no locale marks decimals with one.
 * - Groups must be whole: "1,234" in en-US is 1234, but "4,50" in en-US and "12.50" in de-DE
 *   break the grouping and are refused with "Write 4.50: …"; a "." or "," the locale uses for
 *   neither (fr-FR, de-CH) is refused the same way. When the input reads two ways under the
 *   other convention, both are offered.
 * - More decimals than the currency has is refused, with the amount rounded as an example:
 *   "US dollars have two decimals: 12.35". If the mark could also have grouped thousands
 *   ("1,234" in de-DE, "1.000" yen in en-US), that reading is offered too. No decimals at all
 *   ("12.") is fine, and so is a bare fraction (".5").
 * - One sign of this currency may stand before or after the number ("$12.50", "12,50 €",
 *   "US$ 12.50", "12.50 usd"); another currency's sign is refused. Whitespace around the input
 *   (a pasted line with tabs or newlines) is ignored; anything else is refused with
 *   "Enter an amount such as 12.50", written in the locale and the currency's digits. (Messages
 *   never end in a full stop right after a number, where it could read as a decimal mark.)
 * - A minus (-, −) or parentheses make the amount negative, and every caller wants positive
 *   amounts, so negatives are refused rather than returned: "Enter an amount above zero."
 *   Zero is refused the same way unless `allowZero` (a price may be 0).
 * - Beyond `MAX_CENTS`: "That amount is too large." The value is built from digit strings,
 *   never through floating point.
 */
export function parseMoneyInput(
	text: string,
	currency: string,
	locale: string,
	options: MoneyInputOptions = {}
): MoneyInput {
	const digits = minorDigits(currency);
	const input = text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
	if (input === '') return refuse('Enter an amount.');
	// Digits of another script read exactly, but the marks around them would not: say which to use.
	if (/[^\P{Nd}0-9]/u.test(input)) return refuse('Write the amount with the digits 0 to 9.');

	const parts = splitAffixes(input, currencySigns(currency, locale));
	if (parts.foreign !== undefined) {
		return refuse(
			`Amounts here are in ${currencyPluralName(currency)}; leave out “${parts.foreign}”.`
		);
	}
	if (parts.number === undefined) {
		return refuse(`Enter an amount such as ${exampleAmount(digits, locale)}`);
	}
	if (parts.negative && /[1-9]/.test(parts.number)) {
		return refuse(
			options.allowZero ? 'Enter an amount of zero or more.' : 'Enter an amount above zero.'
		);
	}

	const marks = numberMarksOf(locale);
	const own = readDecimal(parts.number, marks, digits);
	if (own.kind !== 'ok') {
		return refuse(explainRefusal(parts.number, own, marks, currency, digits, locale));
	}

	const units = BigInt(own.whole + own.fraction.padEnd(digits, '0'));
	if (units > BigInt(MAX_CENTS)) return refuse('That amount is too large.');
	if (units === 0n && !options.allowZero) return refuse('Enter an amount above zero.');
	return { ok: true, cents: Number(units) };
}

/**
 * Cents as the text a person would type in `locale`, for an input's value: 1250 EUR is "12.50"
 * in en-US and "12,50" in de-DE, 1500 JPY is "1500". No group marks and no symbol, and
 * `parseMoneyInput` reads it back as the same cents.
 */
export function centsToInput(cents: number, currency: string, locale: string): string {
	const digits = minorDigits(currency);
	return formatDecimal(unitsToDecimal(BigInt(cents), digits), digits, locale, false);
}

/** What an empty amount field shows: "0.00" (USD, en-US), "0,00" (EUR, de-DE), "0" (JPY), "0.000" (BHD). */
export function moneyPlaceholder(currency: string, locale: string): string {
	return centsToInput(0, currency, locale);
}

interface Affixes {
	/** The number between the signs and symbols, if what is left looks like one. */
	number?: string;
	negative: boolean;
	/** Another currency's sign found around the number. */
	foreign?: string;
}

/**
 * Takes the sign, the parentheses and one of `signs` (this currency's symbols and code) off
 * both ends of `input`, in any order: "-$12", "$-12", "($12)", "12,50 €", "12.50 USD".
 */
function splitAffixes(input: string, signs: string[]): Affixes {
	let rest = input;
	let minus = 0;
	let symbol = false;
	if (rest.startsWith('(') && rest.endsWith(')')) {
		minus = 1;
		rest = rest.slice(1, -1).trim();
	}
	for (let changed = true; changed;) {
		changed = false;
		if (/^[+\-−]/.test(rest)) {
			// "--5", "(-5)", "+-5": two signs are not a way anyone writes an amount.
			if (minus > 0 || /^[+\-−]\s*[+\-−]/.test(rest)) return { negative: true };
			if (rest[0] !== '+') minus = 1;
			rest = rest.slice(1).trim();
			changed = true;
		}
		const lower = rest.toLowerCase();
		const front = signs.find((sign) => lower.startsWith(sign));
		const back = front ? undefined : signs.find((sign) => lower.endsWith(sign));
		if (!symbol && (front || back)) {
			rest = front ? rest.slice(front.length).trim() : rest.slice(0, -back!.length).trim();
			symbol = true;
			changed = true;
		}
	}
	const negative = minus > 0;
	const match = /^([^\d.,]*?)([\d.,' ’]*)([^\d.,]*)$/u.exec(rest);
	if (!match) return { negative };
	const [, before = '', number = '', after = ''] = match;
	for (const affix of [before.trim(), after.trim()]) {
		const own = signs.includes(affix.toLowerCase());
		if (affix !== '' && !own && looksLikeCurrency(affix)) return { negative, foreign: affix };
	}
	if (before.trim() !== '' || after.trim() !== '' || !/\d/.test(number)) return { negative };
	return { number: number.trim(), negative };
}

/** Why `number` is refused in `locale`, with the way to write what it most likely meant. */
function explainRefusal(
	number: string,
	own: Reading,
	marks: Convention,
	currency: string,
	digits: number,
	locale: string
): string {
	const others = [POINT_DECIMALS, COMMA_DECIMALS]
		.filter((other) => other.decimal !== marks.decimal || other.group !== marks.group)
		.map((other) => readDecimal(number, other, digits))
		.filter((reading): reading is Read => reading.kind !== 'unreadable');
	const readable = others.filter((reading) => reading.kind === 'ok');

	if (own.kind === 'decimals') {
		const meant = readable[0];
		const thousands = meant
			? ` (or ${formatDecimal(decimalOf(meant), digits, locale, true, meant.fraction !== '')} if you meant thousands)`
			: '';
		return tooManyDecimals(own, currency, digits, locale) + (thousands && `${thousands}.`);
	}
	const written = [...new Set(readable.map((reading) => writeAs(reading, digits, locale)))];
	if (written.length === 1) return `Write ${written[0]}: here ${markWords(marks)}.`;
	if (written.length > 1) return `That could be ${written.join(' or ')}: write the one you mean.`;
	const decimals = others.find((reading) => reading.kind === 'decimals');
	if (decimals) return tooManyDecimals(decimals, currency, digits, locale);
	return `Enter an amount such as ${exampleAmount(digits, locale)}`;
}

/** "US dollars have two decimals: 12.35", the example rounded half away from zero. */
function tooManyDecimals(reading: Read, currency: string, digits: number, locale: string): string {
	const kept = BigInt(reading.whole + reading.fraction.slice(0, digits) || '0');
	const units = reading.fraction[digits]! >= '5' ? kept + 1n : kept;
	const name = currencyPluralName(currency);
	const example = formatDecimal(unitsToDecimal(units, digits), digits, locale, reading.grouped);
	return `${name[0]!.toUpperCase()}${name.slice(1)} have ${decimalsInWords(digits)}: ${example}`;
}

function decimalsInWords(digits: number): string {
	const words = ['no decimals', 'one decimal', 'two decimals', 'three decimals', 'four decimals'];
	return words[digits] ?? `${digits} decimals`;
}

/** "“.” marks decimals and “,” groups thousands", in the locale's own marks. */
function markWords(marks: Convention): string {
	const decimal = `“${marks.decimal}” marks decimals`;
	if (marks.group === '') return decimal;
	return marks.group === ' '
		? `${decimal} and a space groups thousands`
		: `${decimal} and “${marks.group}” groups thousands`;
}

function writeAs(reading: Read, digits: number, locale: string): string {
	return formatDecimal(
		decimalOf(reading),
		digits,
		locale,
		reading.grouped,
		reading.fraction !== ''
	);
}

function exampleAmount(digits: number, locale: string): string {
	return formatDecimal(digits === 0 ? '500' : '12.5', digits, locale, false);
}

function decimalOf(reading: Read): string {
	return `${reading.whole || '0'}.${reading.fraction || '0'}`;
}

function unitsToDecimal(units: bigint, digits: number): string {
	const sign = units < 0n ? '-' : '';
	const text = (units < 0n ? -units : units).toString().padStart(digits + 1, '0');
	return digits === 0
		? `${sign}${text}`
		: `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** An exact decimal string in `locale`'s marks, with all the currency's digits or none. */
function formatDecimal(
	decimal: string,
	digits: number,
	locale: string,
	grouping: boolean,
	withDecimals = true
): string {
	const fractionDigits = withDecimals ? digits : 0;
	return latinNumberFormat(locale, {
		useGrouping: grouping ? 'always' : false,
		minimumFractionDigits: fractionDigits,
		maximumFractionDigits: fractionDigits
	}).format(decimal as `${number}`);
}

function refuse(message: string): MoneyInput {
	return { ok: false, message };
}
