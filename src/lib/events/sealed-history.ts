/**
 * The rule of sealed history (DESIGN.md, "Sealed history"), on a stream as little as the rule
 * reads of it: which versions are rewinds (and to where) and which are seals. The device's undo
 * applies it to the stream it holds (`undo/seal.ts`); the server, to what it has stored of a
 * stream that a pushed rewind would rewind, so that no client can go round it.
 */
export interface SealedStream {
	/** The `toVersion` of the `$Rewound` at `version`; undefined for any other event. */
	rewindAt(version: number): number | undefined;
	/** Whether the event at `version` is of a type that seals its stream's past. */
	sealAt(version: number): boolean;
}

/**
 * The versions the state at `version` is folded from, newest first: a `$Rewound{toVersion}`
 * hands over to the state at its target, as `foldStream` does; one that points forward is
 * ignored.
 */
export function* effectiveVersions(stream: SealedStream, version: number): Generator<number> {
	let at = version;
	while (at > 0) {
		const toVersion = stream.rewindAt(at);
		if (toVersion !== undefined) {
			at = toVersion < at ? toVersion : at - 1;
			continue;
		}
		yield at;
		at--;
	}
}

/** The version of the seal the state at `version` rests on: the last in its effective history. */
export function restingSeal(stream: SealedStream, version: number): number | undefined {
	for (const at of effectiveVersions(stream, version)) if (stream.sealAt(at)) return at;
	return undefined;
}

/**
 * The seal that a rewind from `head` to `toVersion` would leave behind, if it would: the state
 * at `toVersion` must still rest on the seal the state at `head` rests on. Without rewinds in
 * between that is `toVersion >= seal`; with them, a seal rewound away (as only a rewind written
 * before seals existed could do) seals nothing.
 */
export function sealLeftBehind(
	stream: SealedStream,
	head: number,
	toVersion: number
): number | undefined {
	const seal = restingSeal(stream, head);
	if (seal === undefined) return undefined;
	for (const at of effectiveVersions(stream, toVersion)) {
		if (at === seal) return undefined;
		if (at < seal) break;
	}
	return seal;
}
