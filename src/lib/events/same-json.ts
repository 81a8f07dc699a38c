/**
 * Equality of two JSON values, ignoring key order: a re-pushed event against the stored one (jsonb
 * stores keys in its own order), a read model's stored row against a fresh fold.
 */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a) && Array.isArray(b)) {
		return a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
	}
	const aKeys = Object.keys(a);
	const bRecord = b as Record<string, unknown>;
	if (aKeys.length !== Object.keys(bRecord).length) return false;
	return aKeys.every(
		(key) =>
			Object.hasOwn(bRecord, key) && sameJson((a as Record<string, unknown>)[key], bRecord[key])
	);
}
