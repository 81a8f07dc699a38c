import { get } from 'svelte/store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TICK_MS, formatRelative, now } from './format-time';

const NOW = Date.parse('2026-12-05T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

describe('formatRelative', () => {
	it('says how long ago', () => {
		expect(formatRelative(ago(10), NOW, 'en')).toBe('just now');
		expect(formatRelative(ago(90), NOW, 'en')).toBe('2 minutes ago');
		expect(formatRelative(ago(3 * 3600), NOW, 'en')).toBe('3 hours ago');
		expect(formatRelative(ago(26 * 3600), NOW, 'en')).toBe('yesterday');
	});

	it('never shows the future: a clock ahead reads "just now"', () => {
		expect(formatRelative(ago(-30), NOW, 'en')).toBe('just now');
		expect(formatRelative(ago(-90), NOW, 'en')).toBe('just now');
		expect(formatRelative(ago(-3 * 24 * 3600), NOW, 'en')).toBe('just now');
	});

	it('says "just now" for a time it cannot read rather than "NaN"', () => {
		expect(formatRelative('not a time', NOW, 'en')).toBe('just now');
	});
});

describe('now', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('reads the clock when first shown, then ticks', () => {
		vi.useFakeTimers({ now: NOW });
		const seen: number[] = [];
		// Time passes before anything shows a time: the first value is still the present.
		vi.setSystemTime(NOW + 5 * 60_000);
		const stop = now.subscribe((value) => seen.push(value));
		expect(seen.at(-1)).toBe(NOW + 5 * 60_000);

		vi.advanceTimersByTime(TICK_MS);
		expect(seen.at(-1)).toBe(NOW + 5 * 60_000 + TICK_MS);
		expect(TICK_MS).toBeLessThanOrEqual(30_000);

		const shown = () => formatRelative(new Date(NOW + 5 * 60_000).toISOString(), get(now), 'en');
		expect(shown()).toBe('just now');
		vi.advanceTimersByTime(4 * TICK_MS);
		expect(shown()).toBe('1 minute ago');
		stop();
	});
});
