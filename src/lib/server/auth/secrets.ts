import { createHash, randomBytes } from 'node:crypto';

/** A bearer token: 256 random bits. Only its hash is stored, so a leaked table grants nothing. */
export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** An invite code short enough to read out: 72 random bits. */
export function newInviteCode(): string {
	return randomBytes(9).toString('base64url');
}

/** Tokens and codes are random, not chosen by people: a fast hash is enough, no salt needed. */
export function hashSecret(secret: string): string {
	return createHash('sha256').update(secret).digest('hex');
}
