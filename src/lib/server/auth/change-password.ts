import type { Database } from '../db/database';
import { UnauthorizedError } from '../errors';
import { hashPassword, verifyPassword } from './passwords';
import { confirmCaller, revokeSessions, type Caller } from './sessions';

/**
 * Sets a new password once the current one is proven, and signs the person out everywhere
 * else (their live streams close): whoever knew the old password keeps no way in. The session
 * that asked stays. Returns how many sessions ended.
 */
export async function changePassword(
	db: Database,
	caller: Caller,
	passwords: { currentPassword: string; newPassword: string },
	now: Date
): Promise<number> {
	const [user] = await db.query<{ password_hash: string }>(
		`SELECT password_hash FROM users WHERE id = $1::text`,
		[caller.userId]
	);
	if (!user || !(await verifyPassword(passwords.currentPassword, user.password_hash))) {
		throw new UnauthorizedError('The current password is wrong; nothing was changed.');
	}
	// scrypt is slow on purpose: hash before the transaction, not while holding it.
	const newHash = await hashPassword(passwords.newPassword);
	return db.transaction(async (tx) => {
		// Only over the password just proven: of two changes at once, the second finds it gone
		// (it waits for the first to commit), and its session signed out by the first.
		const changed = await tx.query(
			`UPDATE users SET password_hash = $2::text WHERE id = $1::text AND password_hash = $3::text
			RETURNING id`,
			[caller.userId, newHash, user.password_hash]
		);
		await confirmCaller(tx, caller, now);
		if (changed.length === 0) {
			throw new UnauthorizedError('The password was changed meanwhile; nothing was changed.');
		}
		return revokeSessions(tx, caller.userId, 'password_changed', now, {
			except: caller.sessionId
		});
	});
}
