/**
 * The words of a text as a search compares them: lowercased, without accents ("Zoë" is found
 * by "zoe"), split at anything that is not a letter or a digit, each once.
 */
export function searchWords(text: string): string[] {
	return [
		...new Set(
			plainText(text)
				.split(/[^\p{L}\p{N}]+/u)
				.filter((word) => word.length > 0)
		)
	];
}

/** Lowercased, without accents: how names compare in a search, and sort in a list. */
export function plainText(text: string): string {
	return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether every searched word starts one of the record's words. */
export function matchesWords(searched: readonly string[], words: readonly string[]): boolean {
	return searched.every((prefix) => words.some((word) => word.startsWith(prefix)));
}
