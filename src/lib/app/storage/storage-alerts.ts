import type { StorageReport } from './storage-report';

/**
 * When the storage guard speaks up, without its words: the header and every page load this;
 * the sentences (`storage-words.ts`) load only when there is something to say.
 */

export type StorageTone = 'green' | 'amber' | 'red' | 'grey';

/** Less room than this, or this share of the quota used, and the person is told in time. */
export const NEAR_FULL = { share: 0.8, leftBytes: 100 * 1024 ** 2 };
export const FULL = { share: 0.95, leftBytes: 20 * 1024 ** 2 };
/** A quota this small is a private window's (or a browser that keeps little): say so. */
export const SMALL_QUOTA_BYTES = 100 * 1024 ** 2;
/** Changes kept only here for longer than this, and the header says so. */
export const ONLY_HERE_WARNING_MS = 24 * 3600 * 1000;

/** Why a first visit warns: site data refused, a private window's sliver of room, or no way to know. */
export type FirstVisitConcern = 'refused' | 'small' | 'unknown';

export function firstVisitConcern(report: StorageReport): FirstVisitConcern | undefined {
	if (!report.canStore) return 'refused';
	if (report.quota !== undefined && report.quota < SMALL_QUOTA_BYTES) return 'small';
	if (report.persistence === 'unknown' && report.quota === undefined) return 'unknown';
	return undefined;
}

/** How the room left looks: red when almost none is left, amber when it runs short. */
export function roomTone(report: StorageReport): StorageTone | undefined {
	const { usage, quota } = report;
	if (usage === undefined || quota === undefined || quota <= 0) return undefined;
	const left = Math.max(0, quota - usage);
	const share = usage / quota;
	return share >= FULL.share || left < FULL.leftBytes
		? 'red'
		: share >= NEAR_FULL.share || left < NEAR_FULL.leftBytes
			? 'amber'
			: 'green';
}

/** Whether the notice above the page may have something to say (a warning, or short room). */
export function storageNoticeDue(report: StorageReport): boolean {
	const tone = roomTone(report);
	return firstVisitConcern(report) !== undefined || tone === 'red' || tone === 'amber';
}

/** How long changes have existed only here, once that is longer than the warning's threshold. */
export function onlyHereFor(oldestPendingAt: string | undefined, now: number): number | undefined {
	if (!oldestPendingAt) return undefined;
	const age = now - Date.parse(oldestPendingAt);
	return age >= ONLY_HERE_WARNING_MS ? age : undefined;
}

/** "2 days", "3 weeks": how long, in whole units, in the person's language. */
export function formatAge(ms: number, locale: string): string {
	const days = Math.floor(ms / (24 * 3600 * 1000));
	const [unit, value] =
		days >= 14 ? (['week', Math.floor(days / 7)] as const) : (['day', days] as const);
	return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
