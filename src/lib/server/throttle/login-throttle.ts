import type { Database, SqlExecutor } from '../db/database';
import { RateLimitedError } from '../errors';
import { delayAfter, type GrowingDelay } from './growing-delay';
import { accountOf, throttleKey } from './throttle-key';
import { secondsUntil, type ThrottleTable } from './throttle-table';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

export interface LoginThrottlePolicy {
	/** One account from one address: someone guessing one person's password. */
	pair: GrowingDelay;
	/** One address across accounts: someone trying a few passwords on many people. */
	address: GrowingDelay;
	/** One account across addresses: many machines guessing one person's password. */
	account: GrowingDelay;
	/** How long an address a person signed in from skips the per-account delay. */
	knownForMs: number;
}

/**
 * The numbers, and why:
 * - pair: 3 free tries (typos), then 1 s, 2 s, 4 s… up to 15 min: about 100 guesses a day at one
 *   person from one place, and a person who forgot their password is slowed, not locked out.
 *   A success clears it.
 * - address: 20 free failures over all accounts (an office behind one NAT), then 1 s doubling up
 *   to 5 min: spraying one password over many accounts gets about 300 tries a day per address.
 * - account: only after 50 failures from anywhere, then 1 s doubling up to a short cap of 60 s:
 *   a botnet gets at most one guess a minute at one account, and the real person waits at most
 *   a minute — not at all from an address they signed in from in the last 30 days, so an
 *   attacker who keeps the account busy cannot keep its owner out.
 * All forget their failures after a day without one.
 */
export const LOGIN_THROTTLE: LoginThrottlePolicy = {
	pair: { free: 3, firstMs: SECOND, maxMs: 15 * MINUTE, forgetMs: DAY },
	address: { free: 20, firstMs: SECOND, maxMs: 5 * MINUTE, forgetMs: DAY },
	account: { free: 50, firstMs: SECOND, maxMs: MINUTE, forgetMs: DAY },
	knownForMs: 30 * DAY
};

export interface LoginAttempt {
	workspace: string;
	name: string;
	/** The client's address (see client-address.ts); none for in-process calls, which skip the per-address key. */
	address?: string;
}

interface Keyed {
	key: string;
	policy: GrowingDelay;
}

interface LoginKeys {
	pair: Keyed;
	/** None for an in-process call: it has no address. */
	address?: Keyed;
	account: Keyed;
	/** Marks an address the person signed in from. */
	known: string;
}

function loginKeys(attempt: LoginAttempt, policy: LoginThrottlePolicy): LoginKeys {
	const account = accountOf(attempt.workspace, attempt.name);
	const address = attempt.address ?? '';
	return {
		pair: { key: throttleKey('login-pair', account, address), policy: policy.pair },
		...(attempt.address === undefined
			? {}
			: { address: { key: throttleKey('login-address', address), policy: policy.address } }),
		account: { key: throttleKey('login-account', account), policy: policy.account },
		known: throttleKey('login-known', account, address)
	};
}

/** Refused inside the transaction: rolls back what the other keys counted. */
class Blocked extends Error {}

/**
 * Delays for sign-in, in the database so that every server process shares them. An attempt is
 * counted as a failure before the password is checked (so a burst of parallel guesses cannot all
 * slip through before the first one fails), and given back when it succeeds.
 */
export class LoginThrottle {
	constructor(
		readonly db: Database,
		readonly table: ThrottleTable,
		readonly policy: LoginThrottlePolicy = LOGIN_THROTTLE
	) {}

	/**
	 * Counts the attempt against each of its keys, or, when one of them is still waiting, counts
	 * nothing and throws RateLimitedError with the longest wait: before any scrypt work.
	 */
	async begin(attempt: LoginAttempt, nowMs: number): Promise<void> {
		await this.table.pruneNow(nowMs);
		const keys = loginKeys(attempt, this.policy);
		let checked: Keyed[] = [];
		try {
			await this.db.transaction(async (tx) => {
				const known = await isLive(tx, keys.known, nowMs);
				checked = [keys.pair, keys.address, known ? undefined : keys.account].filter(
					(keyed) => keyed !== undefined
				);
				// One order for every transaction, so two that share a key cannot deadlock.
				for (const keyed of [...checked].sort((a, b) => (a.key < b.key ? -1 : 1))) {
					if (!(await countFailure(tx, keyed, nowMs))) throw new Blocked();
				}
			});
		} catch (error) {
			if (!(error instanceof Blocked)) throw error;
			const seconds = secondsUntil(await latestWait(this.db, checked, nowMs), nowMs);
			throw new RateLimitedError(seconds, `Too many sign-in attempts; try again in ${seconds} s.`);
		}
	}

	/** The password was right: the pair starts afresh, the attempt is given back, the address is known. */
	async succeeded(attempt: LoginAttempt, nowMs: number): Promise<void> {
		const keys = loginKeys(attempt, this.policy);
		await this.db.query(`DELETE FROM throttles WHERE key = $1::text`, [keys.pair.key]);
		await giveBack(this.db, [keys.address, keys.account]);
		await this.db.query(
			`INSERT INTO throttles (key, count, until_ms, expires_ms)
			VALUES ($1::text, 0, 0, $2::double precision)
			ON CONFLICT (key) DO UPDATE SET expires_ms = EXCLUDED.expires_ms`,
			[keys.known, nowMs + this.policy.knownForMs]
		);
	}

	/** The attempt ended with no answer on the password (the database failed): not a failure. */
	async abandoned(attempt: LoginAttempt): Promise<void> {
		const keys = loginKeys(attempt, this.policy);
		await giveBack(this.db, [keys.pair, keys.address, keys.account]);
	}
}

async function isLive(sql: SqlExecutor, key: string, nowMs: number): Promise<boolean> {
	const rows = await sql.query(
		`SELECT 1 FROM throttles WHERE key = $1::text AND expires_ms > $2::double precision`,
		[key, nowMs]
	);
	return rows.length > 0;
}

/** When the last of `keys` that is still waiting is done. */
async function latestWait(sql: SqlExecutor, keys: Keyed[], nowMs: number): Promise<number> {
	let latest = nowMs;
	for (const { key } of keys) {
		const [row] = await sql.query<{ until_ms: number }>(
			`SELECT until_ms FROM throttles WHERE key = $1::text`,
			[key]
		);
		if (row && row.until_ms > latest) latest = row.until_ms;
	}
	return latest;
}

/**
 * One more failure on `key`, unless it is still waiting: then nothing, and false. The count starts
 * over once the failures are forgotten; the wait is set from the new count.
 */
async function countFailure(tx: SqlExecutor, { key, policy }: Keyed, nowMs: number) {
	const [row] = await tx.query<{ count: number }>(
		`INSERT INTO throttles AS t (key, count, until_ms, expires_ms)
		VALUES ($1::text, 1, 0, $2::double precision)
		ON CONFLICT (key) DO UPDATE
		SET count = CASE WHEN t.expires_ms <= $2::double precision THEN 1 ELSE t.count + 1 END
		WHERE t.until_ms <= $2::double precision
		RETURNING count`,
		[key, nowMs]
	);
	if (!row) return false;
	const delay = delayAfter(policy, row.count);
	// No wait is no time at all, not "now": another request (or process) whose clock read a
	// moment earlier must not find this key waiting.
	await tx.query(
		`UPDATE throttles SET until_ms = $2::double precision, expires_ms = $3::double precision
		WHERE key = $1::text`,
		[key, delay > 0 ? nowMs + delay : 0, nowMs + delay + policy.forgetMs]
	);
	return true;
}

async function giveBack(sql: SqlExecutor, keys: (Keyed | undefined)[]): Promise<void> {
	for (const keyed of keys) {
		if (!keyed) continue;
		const { key } = keyed;
		await sql.query(`UPDATE throttles SET count = GREATEST(count - 1, 0) WHERE key = $1::text`, [
			key
		]);
	}
}
