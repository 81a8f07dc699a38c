/** The currencies offered in forms, the browser's own first when it has a likely one. */
export const CURRENCIES: string[] = orderedCurrencies();

function orderedCurrencies(): string[] {
	const common = [
		'EUR',
		'USD',
		'GBP',
		'CHF',
		'SEK',
		'NOK',
		'DKK',
		'PLN',
		'CZK',
		'CAD',
		'AUD',
		'JPY'
	];
	const region = typeof navigator === 'undefined' ? '' : (navigator.language.split('-')[1] ?? '');
	const byRegion: Record<string, string> = {
		US: 'USD',
		GB: 'GBP',
		CH: 'CHF',
		SE: 'SEK',
		NO: 'NOK',
		DK: 'DKK',
		PL: 'PLN',
		CZ: 'CZK',
		CA: 'CAD',
		AU: 'AUD',
		JP: 'JPY'
	};
	const local = byRegion[region];
	return local ? [local, ...common.filter((code) => code !== local)] : common;
}
