/** What the browser promises about this site's data. */
export type Persistence =
	/** Kept until the person deletes it (`navigator.storage.persist()` was granted). */
	| 'granted'
	/** Kept, but the browser may clear it under storage pressure or after weeks unused. */
	| 'best-effort'
	/** The browser does not say (no Storage API: an old browser, or a page not on https). */
	| 'unknown';

export interface StorageReport {
	/** False when the browser refuses to keep anything for this site (site data blocked). */
	canStore: boolean;
	persistence: Persistence;
	/** Bytes used and the most the browser allows; undefined when it does not say. */
	usage?: number;
	quota?: number;
}

/** The browser's storage APIs, passed in so that every state can be tested. */
export interface StorageEnvironment {
	storage?: Pick<StorageManager, 'persisted' | 'estimate'> | undefined;
	/** Whether the site may keep data at all: reading `localStorage` throws when it may not. */
	siteDataAllowed: () => boolean;
}

/** The browser's own: `navigator.storage` and `localStorage`. */
export function browserStorage(): StorageEnvironment & {
	storage?: Pick<StorageManager, 'persisted' | 'estimate' | 'persist'>;
} {
	return {
		storage: typeof navigator !== 'undefined' ? navigator.storage : undefined,
		siteDataAllowed
	};
}

/** Blocked site data makes the mere access of `localStorage` throw a SecurityError. */
export function siteDataAllowed(): boolean {
	try {
		return typeof localStorage !== 'undefined' && localStorage !== null;
	} catch {
		return false;
	}
}

/** Reads what the browser says; an API that throws counts as one that says nothing. */
export async function readStorage(env: StorageEnvironment): Promise<StorageReport> {
	if (!env.siteDataAllowed()) return { canStore: false, persistence: 'unknown' };
	const storage = env.storage;
	if (!storage) return { canStore: true, persistence: 'unknown' };
	const [persisted, estimate] = await Promise.all([
		storage.persisted().catch(() => undefined),
		storage.estimate().catch(() => undefined)
	]);
	const room =
		estimate && Number.isFinite(estimate.quota) && Number.isFinite(estimate.usage)
			? { usage: estimate.usage!, quota: estimate.quota! }
			: {};
	return {
		canStore: true,
		persistence: persisted === true ? 'granted' : persisted === false ? 'best-effort' : 'unknown',
		...room
	};
}
