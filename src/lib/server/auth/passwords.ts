import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ScryptSlots } from './scrypt-slots';

/** OWASP's scrypt floor is N=2^17 (~128 MiB a hash); 2^15 (32 MiB, ~150 ms) keeps signup snappy on small servers. */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

const slots = new ScryptSlots();

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
	return slots.run(() => deriveNow(password, salt, options));
}

function deriveNow(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		scrypt(
			password.normalize('NFC'),
			salt,
			KEY_LENGTH,
			{ ...options, maxmem: 256 * 1024 * 1024 },
			(error, key) => (error ? reject(error) : resolve(key))
		);
	});
}

/** `scrypt$N$r$p$salt$key`: the parameters travel with the hash, so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(password, salt, PARAMS);
	return [
		'scrypt',
		PARAMS.N,
		PARAMS.r,
		PARAMS.p,
		salt.toString('base64'),
		key.toString('base64')
	].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, n, r, p, salt, key] = stored.split('$');
	if (scheme !== 'scrypt' || !salt || !key) return false;
	const expected = Buffer.from(key, 'base64');
	const actual = await derive(password, Buffer.from(salt, 'base64'), {
		N: Number(n),
		r: Number(r),
		p: Number(p)
	});
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;

/** Verified against when a user does not exist, so a wrong name takes as long as a wrong password. */
export function dummyPasswordHash(): Promise<string> {
	return (dummy ??= hashPassword('not a password anyone has'));
}
