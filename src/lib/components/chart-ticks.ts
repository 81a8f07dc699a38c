import { scaleTime } from 'd3-scale';
import { minorDigits } from '$lib/domain/currency-signs';

/**
 * A money axis label: `minor` units of `currency` in the locale's compact form ("€1.5K",
 * "¥5K", "€0.05"). The value is divided by the currency's own minor digits (a yen is not a
 * hundredth), and as many significant digits are kept as the tick has, so a label is exact and
 * two ticks never read the same.
 */
export function moneyTickLabel(minor: number, currency: string, locale: string): string {
	const format = compactFormat(currency, locale, significantDigits(minor));
	return format.format(toMajor(minor, minorDigits(currency)));
}

/** Ticks of a money axis that are whole minor units: there is no half a cent to label. */
export function wholeMinorTicks(ticks: number[]): number[] {
	return ticks.filter((tick) => Number.isInteger(tick));
}

export interface TimeTicks {
	values: Date[];
	label: (date: Date) => string;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

/** Pixels a time label needs at the chart's 11 px type, with a gap to its neighbour. */
export function labelWidth(text: string): number {
	return text.length * 6.5 + 16;
}

/**
 * Ticks over `[start, end]` whose labels fit in `width` pixels and never repeat. The format
 * follows the step between ticks: seconds below a minute, hours and minutes below a day (with
 * the date on the first tick and where the day changes), days below a month, then months, then
 * years. Ticks are never closer than a second, and a tick whose label equals the previous one
 * is dropped. Fewer ticks are taken until the labels fit, so a phone shows two where a laptop
 * shows six.
 */
export function timeTicks(start: Date, end: Date, width: number, locale: string): TimeTicks {
	const from = Math.min(start.getTime(), end.getTime());
	const to = Math.max(start.getTime(), end.getTime());
	if (!Number.isFinite(from) || !Number.isFinite(to)) return { values: [], label: () => '' };
	const fits = (ticks: TimeTicks) =>
		ticks.values.reduce((sum, date) => sum + labelWidth(ticks.label(date)), 0) <= width;

	const most = Math.max(2, Math.floor(width / 80));
	for (let count = most; count >= 2; count--) {
		const ticks = labelled(tickValues(from, to, count), from, to, locale);
		if (fits(ticks) && ticks.values.length > 1) return ticks;
	}
	// Still too wide, or down to one tick: the densest set, then every second tick, every third…
	const dense = tickValues(from, to, most * 2);
	for (let every = 1; ; every++) {
		const thinned = dense.filter((_, index) => index % every === 0);
		const ticks = labelled(thinned, from, to, locale);
		if (fits(ticks) || ticks.values.length <= 1) return ticks;
	}
}

function tickValues(from: number, to: number, count: number): Date[] {
	const values = scaleTime().domain([from, to]).ticks(count);
	if (values.length > 1 && step(values) < SECOND) {
		const seconds = wholeSeconds(from, to);
		return seconds.length > 0 ? seconds : [new Date(from)];
	}
	return values.length > 0 ? values : [new Date(from)];
}

function labelled(values: Date[], from: number, to: number, locale: string): TimeTicks {
	const labels = labelsFor(values, step(values) || to - from, locale);
	const kept: Date[] = [];
	const byTime = new Map<number, string>();
	labels.forEach((text, index) => {
		if (index > 0 && text === labels[index - 1]) return;
		kept.push(values[index]!);
		byTime.set(values[index]!.getTime(), text);
	});
	return {
		values: kept,
		label: (date) => byTime.get(date.getTime()) ?? labelsFor([date], to - from, locale)[0]!
	};
}

/** Labels for `values`, `gap` apart (or spread over `gap` when there is one value). */
function labelsFor(values: Date[], gap: number, locale: string): string[] {
	const years = new Set(values.map((date) => date.getFullYear())).size > 1;
	if (gap >= 360 * DAY) return values.map(dateFormat(locale, { year: 'numeric' }));
	if (gap >= 28 * DAY) {
		return values.map(dateFormat(locale, { month: 'short', ...(years && { year: 'numeric' }) }));
	}
	if (gap >= DAY) {
		return values.map(
			dateFormat(locale, { day: 'numeric', month: 'short', ...(years && { year: 'numeric' }) })
		);
	}
	const time = dateFormat(
		locale,
		gap >= MINUTE
			? { hour: 'numeric', minute: '2-digit' }
			: { hour: 'numeric', minute: '2-digit', second: '2-digit' }
	);
	const days = new Set(values.map((date) => date.toDateString())).size;
	if (days === 1) return values.map(time);
	// Across days, "14:00" alone could be either day: the first tick and each new day say which,
	// and if an hour still comes back ("12:00" on two days) every tick says its day.
	const dayAndTime = dateFormat(locale, {
		day: 'numeric',
		month: 'short',
		hour: 'numeric',
		minute: '2-digit',
		...(gap < MINUTE && { second: '2-digit' })
	});
	const labels = values.map((date, index) =>
		index === 0 || date.toDateString() !== values[index - 1]!.toDateString()
			? dayAndTime(date)
			: time(date)
	);
	return new Set(labels).size === labels.length ? labels : values.map(dayAndTime);
}

function step(values: Date[]): number {
	if (values.length < 2) return 0;
	return values[1]!.getTime() - values[0]!.getTime();
}

function wholeSeconds(from: number, to: number): Date[] {
	const seconds: Date[] = [];
	for (let at = Math.ceil(from / SECOND) * SECOND; at <= to; at += SECOND)
		seconds.push(new Date(at));
	return seconds;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): (date: Date) => string {
	const format = new Intl.DateTimeFormat(locale, options);
	return (date) => format.format(date);
}

const compactFormats = new Map<string, Intl.NumberFormat>();

function compactFormat(currency: string, locale: string, digits: number): Intl.NumberFormat {
	const key = `${locale}|${currency}|${digits}`;
	let format = compactFormats.get(key);
	if (!format) {
		format = new Intl.NumberFormat(locale, {
			style: 'currency',
			currency,
			notation: 'compact',
			maximumSignificantDigits: digits
		});
		compactFormats.set(key, format);
	}
	return format;
}

function significantDigits(minor: number): number {
	const digits = Math.abs(minor).toString().replace(/0+$/, '');
	return Math.max(1, digits.length);
}

/** Minor units as an exact decimal string of major units: 1250 with 2 digits is "12.50". */
function toMajor(minor: number, digits: number): `${number}` {
	const sign = minor < 0 ? '-' : '';
	const units = Math.abs(minor)
		.toString()
		.padStart(digits + 1, '0');
	if (digits === 0) return `${sign}${units}` as `${number}`;
	return `${sign}${units.slice(0, -digits)}.${units.slice(-digits)}` as `${number}`;
}
