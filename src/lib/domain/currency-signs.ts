import { latinNumberFormat } from './number-marks';

/**
 * Locales whose way of writing a currency's symbol people paste from: "US$" (en-GB), "$US" (fr),
 * "JP¥" (en-GB), "￥" (ja). The person's own locale is asked first.
 */
const SYMBOL_LOCALES = ['en', 'en-GB', 'en-CA', 'en-AU', 'fr', 'de-CH', 'ja', 'zh'];

const signsCache = new Map<string, string[]>();

/**
 * What may stand before or after an amount of `currency`: its ISO code and its symbols, narrow
 * and full, as `locale` and the common locales write them. NFKC, lower case, longest first, so
 * "US$" is matched before "$".
 */
export function currencySigns(currency: string, locale: string): string[] {
	const key = `${locale}|${currency}`;
	let signs = signsCache.get(key);
	if (!signs) {
		const found = new Set([currency.toLowerCase()]);
		for (const symbolLocale of [locale, ...SYMBOL_LOCALES]) {
			for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
				const sign = symbolOf(currency, symbolLocale, currencyDisplay);
				if (sign) found.add(sign.normalize('NFKC').toLowerCase());
			}
		}
		signs = [...found].sort((a, b) => b.length - a.length);
		signsCache.set(key, signs);
	}
	return signs;
}

/**
 * Whether `text` is some currency's sign: a currency symbol with at most a few letters around it
 * (€, CA$, $US, CN¥) or an ISO code. "Total: $" is words, not a sign.
 */
export function looksLikeCurrency(text: string): boolean {
	if (/^\p{L}{0,3}\p{Sc}\p{L}{0,3}$/u.test(text)) return true;
	return /^[a-z]{3}$/i.test(text) && isoCodes().has(text.toUpperCase());
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

/**
 * The currency's name for many of it, in the app's language (English): "US dollars", "euros",
 * "Japanese yen". CLDR's plural display name reads better in a sentence than `Intl.DisplayNames`'
 * singular title ("US Dollar"); the ISO code stands in where neither is known.
 */
export function currencyPluralName(currency: string): string {
	try {
		const parts = new Intl.NumberFormat('en', {
			style: 'currency',
			currency,
			currencyDisplay: 'name'
		}).formatToParts(2);
		const name = parts.find((part) => part.type === 'currency')?.value;
		if (name && name !== currency) return name;
		return new Intl.DisplayNames('en', { type: 'currency' }).of(currency) ?? currency;
	} catch {
		return currency;
	}
}

function symbolOf(
	currency: string,
	locale: string,
	currencyDisplay: 'symbol' | 'narrowSymbol'
): string | undefined {
	try {
		return latinNumberFormat(locale, { style: 'currency', currency, currencyDisplay })
			.formatToParts(1)
			.find((part) => part.type === 'currency')?.value;
	} catch {
		return undefined;
	}
}

let codes: Set<string> | undefined;

function isoCodes(): Set<string> {
	codes ??= new Set(Intl.supportedValuesOf('currency'));
	return codes;
}
