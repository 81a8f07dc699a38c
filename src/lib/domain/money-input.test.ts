import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CENTS } from './money';
import { centsToInput, minorDigits, moneyPlaceholder, parseMoneyInput } from './money-input';

// A failure prints fast-check's seed and path; FC_SEED=<seed> replays it.
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;

const LOCALES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'de-CH', 'ja-JP'] as const;
const CURRENCIES = ['USD', 'EUR', 'JPY', 'BHD'] as const;
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('parseMoneyInput reads what a person writes in their locale', () => {
	it.each([
		// en-US: "." marks decimals, "," groups thousands.
		['en-US', 'USD', '1,234.50', 123450],
		['en-US', 'USD', '1,234', 123400],
		['en-US', 'USD', '1,234,567.89', 123456789],
		['en-US', 'USD', '12', 1200],
		['en-US', 'USD', '12.5', 1250],
		['en-US', 'USD', '0.07', 7],
		['en-US', 'USD', '0.29', 29],
		['en-US', 'USD', '.5', 50],
		['en-US', 'USD', '12.', 1200],
		['en-US', 'USD', '$12.50', 1250],
		['en-US', 'USD', '$ 12.50', 1250],
		['en-US', 'USD', 'US$ 12.50', 1250],
		['en-US', 'USD', '12.50 USD', 1250],
		['en-US', 'USD', '12.50 usd', 1250],
		['en-US', 'USD', '1 234.50', 123450],
		['en-US', 'USD', '+12.50', 1250],
		['en-US', 'USD', '10,000,000,000.00', MAX_CENTS],
		['en-US', 'EUR', '€12.50', 1250],
		['en-US', 'JPY', '¥5,000', 5000],
		['en-US', 'JPY', '5000', 5000],
		['en-US', 'JPY', '5000 JPY', 5000],
		['en-US', 'BHD', '1.234', 1234],
		['en-US', 'BHD', '1,234.567', 1234567],
		['en-US', 'BHD', 'BHD 0.005', 5],
		// en-GB writes other people's dollars and yen with their country.
		['en-GB', 'USD', 'US$12.50', 1250],
		['en-GB', 'USD', '$12.50', 1250],
		['en-GB', 'EUR', '€1,234.50', 123450],
		['en-GB', 'JPY', 'JP¥5,000', 5000],
		['en-GB', 'BHD', '12.345', 12345],
		// de-DE: "," marks decimals, "." groups thousands.
		['de-DE', 'EUR', '1.234,50', 123450],
		['de-DE', 'EUR', '1.234', 123400],
		['de-DE', 'EUR', '12,5', 1250],
		['de-DE', 'EUR', '12,50 €', 1250],
		['de-DE', 'EUR', '12,50€', 1250],
		['de-DE', 'EUR', 'EUR 12,50', 1250],
		['de-DE', 'EUR', '1 234,50', 123450],
		['de-DE', 'USD', '12,50 $', 1250],
		['de-DE', 'JPY', '5.000 ¥', 5000],
		['de-DE', 'BHD', '1,234', 1234],
		['de-DE', 'BHD', '1.234,567 BHD', 1234567],
		// fr-FR groups with a narrow no-break space; a no-break space or a plain one will do.
		['fr-FR', 'EUR', `1${NNBSP}234,50${NBSP}€`, 123450],
		['fr-FR', 'EUR', `1${NBSP}234,50`, 123450],
		['fr-FR', 'EUR', '1 234,50', 123450],
		['fr-FR', 'EUR', `1${NNBSP}234${NNBSP}567,89`, 123456789],
		['fr-FR', 'USD', '12,50 $US', 1250],
		['fr-FR', 'USD', '12,50 $', 1250],
		['fr-FR', 'JPY', '5 000 JPY', 5000],
		['fr-FR', 'JPY', `5${NNBSP}000 ¥`, 5000],
		['fr-FR', 'BHD', '1,234 BHD', 1234],
		// de-CH groups with an apostrophe, typographic or typed.
		['de-CH', 'EUR', '1’234.50', 123450],
		['de-CH', 'EUR', "1'234.50", 123450],
		['de-CH', 'EUR', 'EUR 12.50', 1250],
		['de-CH', 'USD', '$ 12.50', 1250],
		['de-CH', 'JPY', "¥ 5'000", 5000],
		['de-CH', 'BHD', 'BHD 1.234', 1234],
		// ja-JP writes like en, its yen sign is full width and so may be its digits.
		['ja-JP', 'JPY', '￥5,000', 5000],
		['ja-JP', 'JPY', '¥5,000', 5000],
		['ja-JP', 'JPY', '５，０００', 5000],
		['ja-JP', 'USD', '$1,234.50', 123450],
		['ja-JP', 'EUR', '€12.50', 1250],
		['ja-JP', 'BHD', '1.234', 1234],
		// Pasted with the line around it.
		['en-US', 'USD', '\n\t$1,234.50\t\n', 123450],
		['de-DE', 'EUR', '  1.234,50 €\r\n', 123450],
		['fr-FR', 'EUR', '\t12,50\n', 1250]
	] as const)('%s %s reads %j as %i minor units', (locale, currency, text, cents) => {
		expect(parseMoneyInput(text, currency, locale)).toEqual({ ok: true, cents });
	});

	it('reads en-IN grouping (lakhs) and plain thousands there', () => {
		expect(parseMoneyInput('12,34,567.50', 'USD', 'en-IN')).toEqual({ ok: true, cents: 123456750 });
		expect(parseMoneyInput('1,234,567.50', 'USD', 'en-IN')).toEqual({ ok: true, cents: 123456750 });
	});
});

describe('parseMoneyInput reads thousands-grouped amounts in two-decimal currencies exactly', () => {
	it.each([
		['en-US', 'USD', '1,234.56', 123456],
		['en-US', 'USD', '12,345.67', 1234567],
		['en-US', 'USD', '123,456.78', 12345678],
		['en-US', 'EUR', '9,876,543.21', 987654321],
		['en-US', 'USD', '1,000.01', 100001],
		['de-DE', 'EUR', '1.234,56', 123456],
		['de-DE', 'EUR', '12.345,67', 1234567],
		['de-DE', 'EUR', '123.456,78', 12345678],
		['de-DE', 'USD', '9.876.543,21', 987654321],
		['de-DE', 'EUR', '1.000,01', 100001]
	] as const)('%s %s reads %j as %i cents', (locale, currency, text, cents) => {
		expect(parseMoneyInput(text, currency, locale)).toEqual({ ok: true, cents });
	});

	it.each([
		// A group of the wrong size, wherever it stands, is never read as some other number.
		['en-US', 'USD', '1,23.45'],
		['en-US', 'USD', '1,2345.67'],
		['en-US', 'USD', '12,34,567.89'],
		['en-US', 'USD', '1234,567.89'],
		['en-US', 'USD', '0,123.45'],
		['en-US', 'EUR', '1,234,56.78'],
		['en-US', 'USD', '1,2345,678.90'],
		['de-DE', 'EUR', '1.23,45'],
		['de-DE', 'EUR', '1.2345,67'],
		['de-DE', 'EUR', '12.34.567,89'],
		['de-DE', 'EUR', '1234.567,89'],
		['de-DE', 'EUR', '0.123,45'],
		['de-DE', 'USD', '1.234.56,78'],
		['de-DE', 'EUR', '1.2345.678,90']
	] as const)('%s %s refuses the broken grouping %j', (locale, currency, text) => {
		expect(parseMoneyInput(text, currency, locale).ok).toBe(false);
	});
});

describe('parseMoneyInput refuses what it would have to guess, and shows how to write it', () => {
	it.each([
		// A mark that breaks the locale's grouping is refused, never taken as the other mark.
		['en-US', 'USD', '4,50', 'Write 4.50: here “.” marks decimals and “,” groups thousands.'],
		['en-US', 'USD', '0,5', 'Write 0.50: here “.” marks decimals and “,” groups thousands.'],
		[
			'en-GB',
			'EUR',
			'1.234,50',
			'Write 1,234.50: here “.” marks decimals and “,” groups thousands.'
		],
		[
			'ja-JP',
			'USD',
			'1.234,50',
			'Write 1,234.50: here “.” marks decimals and “,” groups thousands.'
		],
		['de-DE', 'EUR', '12.50', 'Write 12,50: here “,” marks decimals and “.” groups thousands.'],
		[
			'de-DE',
			'EUR',
			'1,234.50',
			'Write 1.234,50: here “,” marks decimals and “.” groups thousands.'
		],
		['fr-FR', 'EUR', '12.50', 'Write 12,50: here “,” marks decimals and a space groups thousands.'],
		[
			'fr-FR',
			'EUR',
			'1,234.50',
			`Write 1${NNBSP}234,50: here “,” marks decimals and a space groups thousands.`
		],
		// Both other readings fit the currency: both are offered.
		['fr-FR', 'BHD', '1.234', `That could be 1,234 or 1${NNBSP}234: write the one you mean.`],
		// More decimals than the currency has: rounded, in the person's form.
		[
			'en-US',
			'USD',
			'12.345',
			'US dollars have two decimals: 12.35 (or 12,345 if you meant thousands).'
		],
		['en-US', 'USD', '12.3456', 'US dollars have two decimals: 12.35'],
		['en-US', 'USD', '1,234.567', 'US dollars have two decimals: 1,234.57'],
		['en-US', 'EUR', '0.125', 'Euros have two decimals: 0.13'],
		['de-DE', 'EUR', '1,234', 'Euros have two decimals: 1,23 (or 1.234 if you meant thousands).'],
		[
			'de-DE',
			'EUR',
			'12,349',
			'Euros have two decimals: 12,35 (or 12.349 if you meant thousands).'
		],
		['en-US', 'JPY', '12.5', 'Japanese yen have no decimals: 13'],
		['ja-JP', 'JPY', '12.4', 'Japanese yen have no decimals: 12'],
		['de-DE', 'JPY', '12,5', 'Japanese yen have no decimals: 13'],
		['de-DE', 'JPY', '12.5', 'Japanese yen have no decimals: 13'],
		[
			'en-US',
			'JPY',
			'1.000',
			'Japanese yen have no decimals: 1 (or 1,000 if you meant thousands).'
		],
		['en-US', 'BHD', '1.2345', 'Bahraini dinars have three decimals: 1.235'],
		['fr-FR', 'BHD', '1,2345', 'Bahraini dinars have three decimals: 1,235'],
		// Another currency's sign.
		['en-US', 'USD', '€12.50', 'Amounts here are in US dollars; leave out “€”.'],
		['en-US', 'USD', '12.50 EUR', 'Amounts here are in US dollars; leave out “EUR”.'],
		['en-US', 'USD', 'CA$12.50', 'Amounts here are in US dollars; leave out “CA$”.'],
		['de-DE', 'EUR', '12,50 $', 'Amounts here are in euros; leave out “$”.'],
		['en-US', 'JPY', 'CN¥500', 'Amounts here are in Japanese yen; leave out “CN¥”.'],
		// Signs: every caller wants an amount above zero.
		['en-US', 'USD', '-12.50', 'Enter an amount above zero.'],
		['en-US', 'USD', '−12.50', 'Enter an amount above zero.'],
		['en-US', 'USD', '- 12.50', 'Enter an amount above zero.'],
		['en-US', 'USD', '($12.50)', 'Enter an amount above zero.'],
		['en-US', 'USD', '-$12.50', 'Enter an amount above zero.'],
		['en-US', 'USD', '$-12.50', 'Enter an amount above zero.'],
		['de-DE', 'EUR', '-12,50 €', 'Enter an amount above zero.'],
		['de-CH', 'EUR', 'EUR-12.50', 'Enter an amount above zero.'],
		['en-US', 'USD', '0', 'Enter an amount above zero.'],
		['en-US', 'USD', '$0.00', 'Enter an amount above zero.'],
		['de-DE', 'EUR', '0,00', 'Enter an amount above zero.'],
		// Nothing, or not an amount: the form, in the locale and the currency's digits.
		['en-US', 'USD', '', 'Enter an amount.'],
		['en-US', 'USD', ' \n\t ', 'Enter an amount.'],
		['en-US', 'USD', 'abc', 'Enter an amount such as 12.50'],
		['en-US', 'USD', '12abc', 'Enter an amount such as 12.50'],
		['en-US', 'USD', 'Total: $12.50', 'Enter an amount such as 12.50'],
		['en-US', 'USD', '12 dollars', 'Enter an amount such as 12.50'],
		['en-US', 'USD', '12 50', 'Enter an amount such as 12.50'],
		['en-US', 'USD', '1.2.3', 'Enter an amount such as 12.50'],
		['en-US', 'USD', '1,23,456', 'Enter an amount such as 12.50'],
		['en-US', 'USD', '--5', 'Enter an amount such as 12.50'],
		['en-US', 'USD', '(-5)', 'Enter an amount such as 12.50'],
		['en-US', 'USD', '12-', 'Enter an amount such as 12.50'],
		['en-US', 'USD', '$12$', 'Enter an amount such as 12.50'],
		['en-US', 'USD', '$', 'Enter an amount such as 12.50'],
		['en-US', 'USD', '.', 'Enter an amount such as 12.50'],
		['de-DE', 'EUR', 'zwölf', 'Enter an amount such as 12,50'],
		['fr-FR', 'EUR', 'douze', 'Enter an amount such as 12,50'],
		['en-US', 'JPY', 'five', 'Enter an amount such as 500'],
		['en-US', 'BHD', 'ten', 'Enter an amount such as 12.500'],
		// Beyond MAX_CENTS.
		['en-US', 'USD', '10,000,000,000.01', 'That amount is too large.'],
		['en-US', 'USD', '99999999999999999999', 'That amount is too large.'],
		['en-US', 'JPY', '1000000000001', 'That amount is too large.']
	] as const)('%s %s refuses %j: %s', (locale, currency, text, message) => {
		expect(parseMoneyInput(text, currency, locale)).toEqual({ ok: false, message });
	});

	it('refuses a de-CH "," with the de-CH way, whichever apostrophe this ICU groups with', () => {
		for (const [text, written] of [
			['12,50', '12.50'],
			['1,234', "1['’]234"],
			['1,234.50', "1['’]234.50"]
		] as const) {
			const result = parseMoneyInput(text, 'EUR', 'de-CH');
			expect(result.ok).toBe(false);
			expect(result.ok ? '' : result.message).toMatch(
				new RegExp(
					`^Write ${written.replace('.', '\\.')}: here “\\.” marks decimals and “['’]” groups thousands\\.$`
				)
			);
		}
	});

	it('takes zero for a price, but still no negative amount', () => {
		const price = { allowZero: true };
		expect(parseMoneyInput('0', 'USD', 'en-US', price)).toEqual({ ok: true, cents: 0 });
		expect(parseMoneyInput('0,00 €', 'EUR', 'de-DE', price)).toEqual({ ok: true, cents: 0 });
		expect(parseMoneyInput('-0', 'JPY', 'ja-JP', price)).toEqual({ ok: true, cents: 0 });
		expect(parseMoneyInput('-1', 'JPY', 'ja-JP', price)).toEqual({
			ok: false,
			message: 'Enter an amount of zero or more.'
		});
		expect(parseMoneyInput('', 'USD', 'en-US', price)).toEqual({
			ok: false,
			message: 'Enter an amount.'
		});
	});
});

describe('centsToInput and moneyPlaceholder write the currency in the locale', () => {
	it.each([
		['en-US', 'USD', 123456, '1234.56'],
		['en-GB', 'EUR', 7, '0.07'],
		['de-DE', 'EUR', 123456, '1234,56'],
		['fr-FR', 'EUR', 123456, '1234,56'],
		['de-CH', 'EUR', 123456, '1234.56'],
		['ja-JP', 'JPY', 123456, '123456'],
		['en-US', 'BHD', 1234, '1.234'],
		['fr-FR', 'BHD', 5, '0,005'],
		['en-US', 'USD', MAX_CENTS, '10000000000.00']
	] as const)('%s %s writes %i as %j', (locale, currency, cents, text) => {
		expect(centsToInput(cents, currency, locale)).toBe(text);
	});

	it.each([
		['en-US', 'USD', '0.00'],
		['de-DE', 'EUR', '0,00'],
		['fr-FR', 'EUR', '0,00'],
		['de-CH', 'USD', '0.00'],
		['en-US', 'JPY', '0'],
		['ja-JP', 'JPY', '0'],
		['en-US', 'BHD', '0.000'],
		['de-DE', 'BHD', '0,000']
	] as const)('%s %s shows %j in an empty field', (locale, currency, placeholder) => {
		expect(moneyPlaceholder(currency, locale)).toBe(placeholder);
	});

	it.each(LOCALES.flatMap((locale) => CURRENCIES.map((currency) => [locale, currency] as const)))(
		'%s %s reads back what centsToInput wrote',
		(locale, currency) => {
			for (const cents of [1, 7, 50, 999, 1000, 123456, 100000000, MAX_CENTS]) {
				expect(parseMoneyInput(centsToInput(cents, currency, locale), currency, locale)).toEqual({
					ok: true,
					cents
				});
			}
			expect(
				parseMoneyInput(centsToInput(0, currency, locale), currency, locale, { allowZero: true })
			).toEqual({ ok: true, cents: 0 });
		}
	);
});

/** `cents` as an exact decimal string for Intl: never through a float. */
function decimal(cents: bigint, digits: number): `${number}` {
	const text = cents.toString().padStart(digits + 1, '0');
	return (digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`) as `${number}`;
}

/** The ways Intl writes an amount in a locale: with and without grouping, symbol or code. */
function writtenForms(cents: bigint, currency: string, locale: string): string[] {
	const digits = minorDigits(currency);
	const value = decimal(cents, digits);
	const fixed = { minimumFractionDigits: digits, maximumFractionDigits: digits };
	const styles: Intl.NumberFormatOptions[] = [
		{ style: 'currency', currency },
		{ style: 'currency', currency, useGrouping: false },
		{ style: 'currency', currency, currencyDisplay: 'code' },
		{ style: 'currency', currency, currencyDisplay: 'narrowSymbol' },
		{ ...fixed },
		{ ...fixed, useGrouping: false },
		{ maximumFractionDigits: digits }
	];
	return styles.map((options) => new Intl.NumberFormat(locale, options).format(value));
}

describe('parseMoneyInput, by property', () => {
	const amounts = fc.bigInt({ min: 1n, max: BigInt(MAX_CENTS) });
	const locales = fc.constantFrom(...LOCALES);
	const currencies = fc.constantFrom(...CURRENCIES);

	it('reads back every way Intl writes an amount in the same locale', () => {
		fc.assert(
			fc.property(amounts, locales, currencies, (cents, locale, currency) => {
				for (const text of writtenForms(cents, currency, locale)) {
					expect(parseMoneyInput(text, currency, locale), text).toEqual({
						ok: true,
						cents: Number(cents)
					});
				}
			}),
			{ seed: SEED, numRuns: 300 }
		);
	});

	it('never misreads an amount written in another locale: the same value, or refused', () => {
		// Three-decimal currencies are left out on purpose: "1.234" dinars in en-US is 1234 in de-DE,
		// a valid reading in each locale, which is why the person's own locale decides.
		fc.assert(
			fc.property(
				amounts,
				locales,
				locales,
				fc.constantFrom('USD', 'EUR', 'JPY'),
				(cents, writer, reader, currency) => {
					for (const text of writtenForms(cents, currency, writer)) {
						const read = parseMoneyInput(text, currency, reader);
						if (read.ok) expect(read.cents, `${writer} ${text} in ${reader}`).toBe(Number(cents));
					}
				}
			),
			{ seed: SEED, numRuns: 300 }
		);
	});

	it('never throws and only ever returns whole minor units within the limit', () => {
		const chars = fc.constantFrom(..."0123456789.,  \u202f\u00a0'’-−()$€¥+ abcUSD\n\t".split(''));
		fc.assert(
			fc.property(
				fc.array(chars, { maxLength: 20 }).map((list) => list.join('')),
				locales,
				currencies,
				(text, locale, currency) => {
					const read = parseMoneyInput(text, currency, locale);
					if (read.ok) {
						expect(Number.isSafeInteger(read.cents)).toBe(true);
						expect(read.cents).toBeGreaterThan(0);
						expect(read.cents).toBeLessThanOrEqual(MAX_CENTS);
					} else {
						expect(read.message).not.toBe('');
					}
				}
			),
			{ seed: SEED, numRuns: 500 }
		);
	});

	it('says which digits to use for digits of another script', () => {
		for (const text of ['١٢٣', '۱۲۳', '१२३']) {
			expect(parseMoneyInput(text, 'EUR', 'ar-EG')).toEqual({
				ok: false,
				message: 'Write the amount with the digits 0 to 9.'
			});
		}
	});
});
