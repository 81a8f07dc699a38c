/**
 * The id of a command a reaction issues: derived from the reaction's name and its cause, so a
 * reaction run twice, in another tab, after a crash or on another device, issues the same id,
 * and the command path (or a rebase) sees it ran already (DESIGN.md, invariant 7).
 *
 * The cause is named by the command that wrote the causing event, the event's type and which of
 * that command's events of that type it is: a rebase decides a pending command again with new
 * event ids, and the reaction must still recognise its cause.
 */
export async function reactionCommandId(
	reaction: string,
	cause: { commandId: string; type: string; occurrence: number },
	index: number
): Promise<string> {
	const key = [reaction, cause.commandId, cause.type, cause.occurrence, index].join('\u0000');
	const digest = new Uint8Array(
		await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key))
	);
	return uuidOf(digest);
}

/** The first 16 bytes of a hash as a UUID of version 8 (custom) and the RFC 9562 variant. */
function uuidOf(digest: Uint8Array): string {
	const bytes = digest.slice(0, 16);
	bytes[6] = (bytes[6]! & 0x0f) | 0x80;
	bytes[8] = (bytes[8]! & 0x3f) | 0x80;
	const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
