/** The nth prefix a workspace gives out, from 1: A … Z, then AA … ZZ, then AAA … (bijective base 26). */
export function prefixOfOrdinal(ordinal: number): string {
	if (!Number.isInteger(ordinal) || ordinal < 1) throw new RangeError(`No prefix for ${ordinal}`);
	let prefix = '';
	for (let rest = ordinal; rest > 0; rest = Math.floor((rest - 1) / 26)) {
		prefix = String.fromCharCode(65 + ((rest - 1) % 26)) + prefix;
	}
	return prefix;
}
