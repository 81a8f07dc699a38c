/**
 * One event's JSON (the envelope a device pushes: ids, type, data, metadata) in UTF-8 bytes, at
 * most. The event store refuses to write a bigger one, and the server refuses to store it.
 * Lives here, under the event store, and is shared through `protocol/limits`.
 */
export const MAX_EVENT_BYTES = 64 * 1024;

/** UTF-8 bytes of a string, counted without encoding it (no second copy of a large string). */
export function utf8ByteLength(text: string): number {
	let bytes = text.length;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		// A surrogate pair is 2 UTF-16 units and 4 UTF-8 bytes: each unit adds 1 here.
		if (code >= 0x800) bytes += code >= 0xd800 && code <= 0xdfff ? 1 : 2;
		else if (code >= 0x80) bytes += 1;
	}
	return bytes;
}

/**
 * The size in UTF-8 bytes of `value` as `JSON.stringify` writes it (lone surrogates are
 * escaped by it, so every surrogate counted here is one of a pair).
 */
export function jsonByteLength(value: unknown): number {
	const json = JSON.stringify(value) as string | undefined;
	return json === undefined ? 0 : utf8ByteLength(json);
}

/**
 * `value`'s JSON size in UTF-8 bytes (as `jsonByteLength`) when it is over `limit`; undefined
 * when it fits. UTF-8 takes at most 3 bytes per UTF-16 unit, so a text of at most `limit / 3`
 * units surely fits and is not walked: for a batch of 1,000 ordinary events, counting every
 * character was half of what `append` does before its transaction.
 */
export function jsonBytesOver(value: unknown, limit: number): number | undefined {
	const json = JSON.stringify(value) as string | undefined;
	if (json === undefined || json.length * 3 <= limit) return undefined;
	const bytes = utf8ByteLength(json);
	return bytes > limit ? bytes : undefined;
}
