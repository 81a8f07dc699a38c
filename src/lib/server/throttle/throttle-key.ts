import { createHash } from 'node:crypto';

/**
 * A row key for the throttles table: the kind in clear (for whoever looks at the table), the
 * parts hashed, so the table holds no names or addresses and every key has one small size.
 */
export function throttleKey(kind: string, ...parts: string[]): string {
	return `${kind}:${createHash('sha256').update(parts.join('\u0000')).digest('base64url')}`;
}

/** An account as typed at login: names match without case, as the login query does. */
export function accountOf(workspace: string, name: string): string {
	return `${workspace.normalize('NFC').toLowerCase()}\u0000${name.normalize('NFC').toLowerCase()}`;
}
