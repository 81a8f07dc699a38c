/**
 * One way to read the marks in a number: which mark separates the decimals and which separates
 * digit groups, and how big the groups are.
 */
export interface Convention {
	decimal: string;
	group: string;
	primaryGroup: number;
	secondaryGroup: number;
}

/** "1,234.50": the convention of en, ja and many others. */
export const POINT_DECIMALS: Convention = {
	decimal: '.',
	group: ',',
	primaryGroup: 3,
	secondaryGroup: 3
};

/** "1.234,50": the convention of de, es, it, pt and many others. */
export const COMMA_DECIMALS: Convention = {
	decimal: ',',
	group: '.',
	primaryGroup: 3,
	secondaryGroup: 3
};

/**
 * A number read under one convention, as digit strings (never a float):
 * `ok` fits the currency, `decimals` has more decimals than it, `unreadable` breaks the convention.
 */
export type Reading =
	| { kind: 'ok' | 'decimals'; whole: string; fraction: string; grouped: boolean }
	| { kind: 'unreadable' };

/** Spaces and apostrophes never mark decimals anywhere, so they group digits in any locale. */
const ALWAYS_GROUPS = [' ', "'", '’'];

/**
 * Reads `text` (digits and marks only) under `convention`, for a currency with `digits` minor
 * digits. At most one decimal mark, only digits after it. Before it, digits may be grouped by
 * one kind of mark (the convention's group mark, a space or an apostrophe), in valid groups:
 * the group before the decimals has `primaryGroup` digits, the others `secondaryGroup` (or all
 * three, which every locale accepts), the first one to that many and not starting with 0.
 */
export function readDecimal(text: string, convention: Convention, digits: number): Reading {
	const pieces = text.split(convention.decimal);
	if (pieces.length > 2) return { kind: 'unreadable' };
	const [whole = '', fraction = ''] = pieces;
	if (!/^\d*$/.test(fraction) || (whole === '' && fraction === '')) return { kind: 'unreadable' };

	const groupMarks = [convention.group, ...ALWAYS_GROUPS].filter(
		(mark) => mark !== '' && mark !== convention.decimal
	);
	const used = new Set([...whole].filter((char) => !/\d/.test(char)));
	if ([...used].some((mark) => !groupMarks.includes(mark))) return { kind: 'unreadable' };
	const apostrophes = [...used].every((mark) => mark === "'" || mark === '’');
	if (used.size > 1 && !apostrophes) return { kind: 'unreadable' };

	const grouped = used.size > 0;
	const groups = grouped ? whole.split(/[^\d]/) : [whole];
	if (
		grouped &&
		!validGroups(groups, convention.primaryGroup, convention.secondaryGroup) &&
		!validGroups(groups, 3, 3)
	) {
		return { kind: 'unreadable' };
	}
	const kind = fraction.length > digits ? 'decimals' : 'ok';
	return { kind, whole: groups.join(''), fraction, grouped };
}

function validGroups(groups: string[], primary: number, secondary: number): boolean {
	const last = groups.length - 1;
	return groups.every((group, index) => {
		if (index === last) return group.length === primary;
		// "0.125" is never a way to write 125: thousands do not start with a zero.
		if (index === 0) return group.length <= secondary && /^[1-9]/.test(group);
		return group.length === secondary;
	});
}
