import type { SqlExecutor } from '../db/database';
import { hashSecret } from './secrets';
import { authenticateSession, type Caller } from './sessions';

/**
 * How long a checked session is trusted without asking the database again. Revocations, removals
 * and role changes do not wait for it: they are forgotten at once (see `SessionCache`). It only
 * bounds how long a change can go unnoticed when its notice is lost (the listening connection to
 * PostgreSQL broke) or when the database is changed by hand, outside the server. Well below
 * `LAST_USED_PRECISION_MS`, so `lastUsedAt` keeps its minute.
 */
export const SESSION_CACHE_MS = 5_000;

/** Enough for every device of a busy server; past it, the oldest entry goes first. */
const MAX_ENTRIES = 20_000;

interface Entry {
	caller: Caller;
	/** Epoch ms: the entry's end, never past the session's own expiry. */
	until: number;
}

/**
 * The sessions this process checked lately, by token hash: a request with a known token skips
 * the session query. What a person may do changes only through the server, which then calls
 * `forget` in the process that made the change, before it answers, and sends a notice that every
 * process (this one too) turns into `forget` when it arrives; `clear` when notices may have been
 * missed. A lookup that was under way while something was forgotten is not kept: it may have read
 * the session before the change.
 */
export class SessionCache {
	readonly #ttlMs: number;
	readonly #entries = new Map<string, Entry>();
	readonly #tokensOf = new Map<string, Set<string>>();
	/** Moves on every `forget` and `clear`. */
	#generation = 0;

	constructor(ttlMs = SESSION_CACHE_MS) {
		this.#ttlMs = ttlMs;
	}

	/** `authenticate`, from the cache when it holds the token. */
	async authenticate(sql: SqlExecutor, token: string | undefined, now: Date): Promise<Caller> {
		const nowMs = now.getTime();
		if (token && this.#ttlMs > 0) {
			const tokenHash = hashSecret(token);
			const entry = this.#entries.get(tokenHash);
			if (entry && entry.until > nowMs) return entry.caller;
			if (entry) this.#delete(tokenHash, entry.caller.userId);
		}
		const generation = this.#generation;
		const { caller, expiresAtMs } = await authenticateSession(sql, token, now);
		if (this.#ttlMs > 0 && generation === this.#generation) {
			this.#put(caller, Math.min(nowMs + this.#ttlMs, expiresAtMs));
		}
		return caller;
	}

	/** Drops every cached session of `userId`. */
	forget(userId: string): void {
		this.#generation++;
		for (const tokenHash of this.#tokensOf.get(userId) ?? []) this.#entries.delete(tokenHash);
		this.#tokensOf.delete(userId);
	}

	/** Drops everything. */
	clear(): void {
		this.#generation++;
		this.#entries.clear();
		this.#tokensOf.clear();
	}

	get size(): number {
		return this.#entries.size;
	}

	#put(caller: Caller, until: number): void {
		if (this.#entries.size >= MAX_ENTRIES) {
			const [oldest] = this.#entries;
			if (oldest) this.#delete(oldest[0], oldest[1].caller.userId);
		}
		this.#entries.set(caller.tokenHash, { caller, until });
		const tokens = this.#tokensOf.get(caller.userId) ?? new Set<string>();
		tokens.add(caller.tokenHash);
		this.#tokensOf.set(caller.userId, tokens);
	}

	#delete(tokenHash: string, userId: string): void {
		this.#entries.delete(tokenHash);
		const tokens = this.#tokensOf.get(userId);
		tokens?.delete(tokenHash);
		if (tokens?.size === 0) this.#tokensOf.delete(userId);
	}
}
