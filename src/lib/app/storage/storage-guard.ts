import { writable, type Readable } from 'svelte/store';
import { readStorage, type StorageEnvironment, type StorageReport } from './storage-report';

const ASKED_KEY = 'rewind:persist-asked';
const FIRST_VISIT_KEY = 'rewind:storage-warning-seen';
/** After a change, the room is read again at most this often: an estimate is not free. */
const REREAD_MS = 10_000;

export interface StorageGuardOptions {
	env: StorageEnvironment & { storage?: Pick<StorageManager, 'persist'> | undefined };
	/** Where the guard remembers that it asked (localStorage). */
	memory: Pick<Storage, 'getItem' | 'setItem'>;
	/** The time of the oldest change the server does not have, if any. */
	oldestPending: () => Promise<string | undefined>;
	/** Calls `listener` after every commit to the log. */
	subscribe: (listener: () => void) => () => void;
}

/**
 * Watches over the one copy of the work that lives in this browser: whether the browser
 * promised to keep it, how much room is left, and how old the oldest change is that exists
 * only here. It asks for lasting storage at the first change, when a person sees why.
 */
export class StorageGuard {
	readonly #options: StorageGuardOptions;
	readonly #report = writable<StorageReport | undefined>(undefined);
	readonly #oldestPending = writable<string | undefined>(undefined);
	#current: StorageReport | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;

	/** Undefined until first read. */
	readonly report: Readable<StorageReport | undefined> = this.#report;
	/** When the oldest change that exists only on this device was made. */
	readonly oldestPending: Readable<string | undefined> = this.#oldestPending;

	constructor(options: StorageGuardOptions) {
		this.#options = options;
	}

	/** Reads the storage state and the oldest pending change again. */
	async refresh(): Promise<void> {
		const [report, oldest] = await Promise.all([
			readStorage(this.#options.env),
			this.#options.oldestPending().catch(() => undefined)
		]);
		this.#current = report;
		this.#report.set(report);
		this.#oldestPending.set(oldest);
	}

	/** Asks the browser to keep the data for good; resolves with whether it now does. */
	async ask(): Promise<boolean> {
		this.#remember(ASKED_KEY);
		const granted = (await this.#options.env.storage?.persist().catch(() => false)) ?? false;
		await this.refresh();
		return granted;
	}

	/** Whether the guard has asked before (on this browser profile). */
	get asked(): boolean {
		return this.#recall(ASKED_KEY);
	}

	/** Whether the person has seen (and closed) the first-visit warning. */
	get firstVisitSeen(): boolean {
		return this.#recall(FIRST_VISIT_KEY);
	}

	dismissFirstVisit(): void {
		this.#remember(FIRST_VISIT_KEY);
	}

	/** Reads now, then after changes; asks for lasting storage after the first one. */
	start(): () => void {
		void this.refresh();
		const stop = this.#options.subscribe(() => {
			if (this.#current?.persistence === 'best-effort' && !this.asked) void this.ask();
			this.#timer ??= setTimeout(() => {
				this.#timer = undefined;
				void this.refresh();
			}, REREAD_MS);
		});
		return () => {
			stop();
			clearTimeout(this.#timer);
			this.#timer = undefined;
		};
	}

	#recall(key: string): boolean {
		try {
			return this.#options.memory.getItem(key) !== null;
		} catch {
			return false;
		}
	}

	#remember(key: string): void {
		try {
			this.#options.memory.setItem(key, new Date().toISOString());
		} catch {
			// Nothing can be remembered here; the worst is being asked again.
		}
	}
}
