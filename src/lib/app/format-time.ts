import { readable } from 'svelte/store';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
	['year', 365 * 24 * 3600],
	['month', 30 * 24 * 3600],
	['week', 7 * 24 * 3600],
	['day', 24 * 3600],
	['hour', 3600],
	['minute', 60]
];

/** "3 minutes ago", "yesterday", "just now": how long ago, in the browser's language. */
export function formatRelative(iso: string, now: number, locale?: string): string {
	const seconds = (Date.parse(iso) - now) / 1000;
	if (Math.abs(seconds) < 45) return 'just now';
	const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
	for (const [unit, size] of UNITS) {
		if (Math.abs(seconds) >= size || unit === 'minute') {
			return format.format(Math.round(seconds / size), unit);
		}
	}
	return 'just now';
}

/** The exact time, for hover text and the history. */
export function formatExact(iso: string, locale?: string): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(
		new Date(iso)
	);
}

/** The current time, ticking every 30 s so relative times stay true. */
export const now = readable(Date.now(), (set) => {
	const timer = setInterval(() => set(Date.now()), 30_000);
	return () => clearInterval(timer);
});
