import type { CatchUpProgress } from '$lib/sync';

export interface CatchUpWords {
	/** "Downloading 12,000 of 100,000 changes", with the person's own digit grouping. */
	sentence: string;
	/** "12 %" or "12%" as the locale writes it: what fits beside an icon on a phone. */
	short: string;
	/** 0–100, rounded down: never 100 before the last change is here. */
	percent: number;
}

/** How a catch-up reads to a person in `locale`. */
export function catchUpWords({ done, total }: CatchUpProgress, locale: string): CatchUpWords {
	const count = new Intl.NumberFormat(locale);
	const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
	return {
		sentence: `Downloading ${count.format(done)} of ${count.format(total)} ${total === 1 ? 'change' : 'changes'}`,
		short: new Intl.NumberFormat(locale, { style: 'percent' }).format(percent / 100),
		percent
	};
}
