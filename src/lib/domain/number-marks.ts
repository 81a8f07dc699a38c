/**
 * How a locale writes a number: the mark before the decimals, the mark between digit groups and
 * the sizes of those groups. Read from `Intl.NumberFormat#formatToParts`, so it follows the
 * browser's CLDR data (de-CH groups with an apostrophe, fr-FR with a narrow no-break space,
 * en-IN in twos after the first three).
 *
 * Marks are in NFKC form, the form input is compared in: the no-break spaces of fr-FR become a
 * plain space there.
 */
export interface NumberMarks {
	decimal: string;
	/** Empty when the locale writes no group marks. */
	group: string;
	/** Digits in the group nearest the decimal mark: 3 nearly everywhere. */
	primaryGroup: number;
	/** Digits in each group further left: 3, or 2 in en-IN. */
	secondaryGroup: number;
}

const cache = new Map<string, NumberMarks>();

export function numberMarksOf(locale: string): NumberMarks {
	let marks = cache.get(locale);
	if (!marks) {
		marks = discover(locale);
		cache.set(locale, marks);
	}
	return marks;
}

/**
 * A number format in `locale` that writes Latin digits: what a person types on any keyboard, and
 * all the money parser reads (ar-EG would otherwise write ١٢٫٥).
 */
export function latinNumberFormat(
	locale: string,
	options: Intl.NumberFormatOptions = {}
): Intl.NumberFormat {
	try {
		return new Intl.NumberFormat(locale, { ...options, numberingSystem: 'latn' });
	} catch {
		// An unusable locale tag reads like English rather than breaking the form.
		return new Intl.NumberFormat('en', { ...options, numberingSystem: 'latn' });
	}
}

function discover(locale: string): NumberMarks {
	const parts = latinNumberFormat(locale, { useGrouping: 'always' }).formatToParts(1234567890.5);
	const integers = parts.filter((part) => part.type === 'integer').map((part) => part.value);
	const value = (type: string) =>
		(parts.find((part) => part.type === type)?.value ?? '').normalize('NFKC');
	return {
		decimal: value('decimal') || '.',
		group: value('group'),
		primaryGroup: integers.at(-1)?.length ?? 3,
		secondaryGroup: integers.length > 2 ? integers.at(-2)!.length : 3
	};
}
