/** A record's number as people read it: the series' prefix and the number within it. */
export interface RecordNumber {
	prefix: string;
	number: number;
	/** True until the server names the series: the prefix may still change. */
	provisional: boolean;
}

/** Numbers are padded to this many digits, so they line up and sort in a list. */
const DIGITS = 4;

/** "B-0042": what a person reads aloud, prints and types into the search. */
export function formatRecordNumber({ prefix, number }: RecordNumber): string {
	return `${prefix}-${String(number).padStart(DIGITS, '0')}`;
}

/** As a file or a printout gives it, where no badge can say "provisional". */
export function recordNumberText(recordNumber: RecordNumber): string {
	const label = formatRecordNumber(recordNumber);
	return recordNumber.provisional ? `${label} (provisional)` : label;
}

/** What a search for a number asks: "B-0042", "b42", "#42" or "0042" (any series). */
export interface NumberQuery {
	prefix?: string;
	number: number;
}

const ANY_SERIES = /^#?(\d{1,9})$/;
const WITH_PREFIX = [/^([A-Za-z0-9]{1,6})\s*[-\s]\s*#?(\d{1,9})$/, /^([A-Za-z]{1,6})(\d{1,9})$/];

/** The number a search text names, if it names one; any other text is not a number query. */
export function parseNumberQuery(text: string): NumberQuery | undefined {
	const trimmed = text.trim();
	const bare = ANY_SERIES.exec(trimmed);
	if (bare) return positive({ number: Number(bare[1]) });
	for (const pattern of WITH_PREFIX) {
		const match = pattern.exec(trimmed);
		if (match) return positive({ prefix: match[1]!.toUpperCase(), number: Number(match[2]) });
	}
	return undefined;
}

function positive(query: NumberQuery): NumberQuery | undefined {
	return query.number >= 1 ? query : undefined;
}
