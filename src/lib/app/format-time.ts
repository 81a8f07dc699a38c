import { readable } from 'svelte/store';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
	['year', 365 * 24 * 3600],
	['month', 30 * 24 * 3600],
	['week', 7 * 24 * 3600],
	['day', 24 * 3600],
	['hour', 3600],
	['minute', 60]
];

/** How often relative times are brought up to date. */
export const TICK_MS = 15_000;

/**
 * "3 minutes ago", "yesterday", "just now": how long ago, in the browser's language. A time
 * after `now` is another device's clock running ahead (or this one behind): it happened, so it
 * reads "just now", never "in 1 minute".
 */
export function formatRelative(iso: string, now: number, locale?: string): string {
	const secondsAgo = (now - Date.parse(iso)) / 1000;
	if (!(secondsAgo >= 45)) return 'just now';
	const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
	for (const [unit, size] of UNITS) {
		if (secondsAgo >= size || unit === 'minute') {
			return format.format(-Math.round(secondsAgo / size), unit);
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

/** The day of a moment, for documents: "24 Dec 2026" (en-GB), "24.12.2026" (de-DE). */
export function formatDay(iso: string, locale?: string): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

/** A local day (`YYYY-MM-DD`) as a document shows it, without a time zone moving it. */
export function formatLocalDay(day: string, locale?: string): string {
	const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(
		new Date(year, month - 1, date)
	);
}

/**
 * The current time for every relative time on screen, one clock for all. It reads the clock
 * as soon as something shows a time (not when the app loaded), then every `TICK_MS`.
 */
export const now = readable(Date.now(), (set) => {
	set(Date.now());
	const timer = setInterval(() => set(Date.now()), TICK_MS);
	return () => clearInterval(timer);
});
