import fc from 'fast-check';
import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { labelWidth, moneyTickLabel, timeTicks, wholeMinorTicks } from './chart-ticks';

// A failure prints fast-check's seed and path; FC_SEED=<seed> replays it.
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;

describe('money axis labels', () => {
	it.each([
		[5000, 'JPY', 'en-US', '¥5K'],
		[1000, 'JPY', 'en-US', '¥1K'],
		[1500, 'JPY', 'en-US', '¥1.5K'],
		[5000, 'EUR', 'en-US', '€50'],
		[150, 'EUR', 'en-US', '€1.5'],
		[5, 'EUR', 'en-US', '€0.05'],
		[0, 'EUR', 'en-US', '€0'],
		[150, 'EUR', 'de-DE', '1,5\u00a0€'],
		[1234, 'BHD', 'en-US', 'BHD\u00a01.234'],
		[120_000_000, 'USD', 'en-US', '$1.2M']
	])('%i minor units of %s in %s read %j', (minor, currency, locale, label) => {
		expect(moneyTickLabel(minor, currency, locale)).toBe(label);
	});

	it('labels only whole minor units', () => {
		expect(wholeMinorTicks([0, 0.5, 1, 1.5, 2])).toEqual([0, 1, 2]);
	});

	it('never gives two ticks of one axis the same label', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 1_000_000_000_000 }),
				fc.integer({ min: 2, max: 10 }),
				fc.constantFrom('USD', 'EUR', 'JPY', 'BHD'),
				fc.constantFrom('en-US', 'de-DE', 'fr-FR', 'de-CH', 'ja-JP'),
				(max, count, currency, locale) => {
					const ticks = wholeMinorTicks(scaleLinear().domain([0, max]).nice().ticks(count));
					const labels = ticks.map((tick) => moneyTickLabel(tick, currency, locale));
					expect(new Set(labels).size, labels.join(' | ')).toBe(labels.length);
				}
			),
			{ seed: SEED, numRuns: 300 }
		);
	});
});

describe('time axis ticks', () => {
	const PHONE = 320;
	const LAPTOP = 540;
	const labels = (start: Date, end: Date, width: number, locale = 'en-GB') => {
		const ticks = timeTicks(start, end, width, locale);
		return ticks.values.map(ticks.label);
	};

	it('names days over a week, each once', () => {
		const start = new Date(2026, 11, 3, 9);
		const end = new Date(2026, 11, 9, 21);
		expect(labels(start, end, LAPTOP)).toEqual([
			'4 Dec',
			'5 Dec',
			'6 Dec',
			'7 Dec',
			'8 Dec',
			'9 Dec'
		]);
		expect(labels(start, end, PHONE)).toEqual(['5 Dec', '7 Dec', '9 Dec']);
	});

	it('gives hours the date where the day changes, and never the same hour twice', () => {
		const start = new Date(2026, 11, 3, 21);
		const end = new Date(2026, 11, 4, 3);
		expect(labels(start, end, LAPTOP)).toEqual([
			'3 Dec, 21:00',
			'22:00',
			'23:00',
			'4 Dec, 0:00',
			'1:00',
			'2:00',
			'3:00'
		]);
		expect(labels(start, end, PHONE)).toEqual(['3 Dec, 21:00', '4 Dec, 0:00', '3:00']);
		// Every 12 hours over two days: "12:00" on its own would come back, so each says its day.
		expect(labels(new Date(2026, 11, 3, 0), new Date(2026, 11, 4, 18), LAPTOP)).toEqual([
			'3 Dec, 0:00',
			'3 Dec, 12:00',
			'4 Dec, 0:00',
			'4 Dec, 12:00'
		]);
	});

	it("shows minutes within a day, in the locale's clock", () => {
		const start = new Date(2026, 11, 3, 14, 0, 0);
		const end = new Date(2026, 11, 3, 14, 3, 20);
		expect(labels(start, end, PHONE)).toEqual(['14:00', '14:01', '14:02', '14:03']);
		expect(labels(start, end, PHONE, 'en-US')).toEqual([
			'2:00 PM',
			'2:01 PM',
			'2:02 PM',
			'2:03 PM'
		]);
		expect(labels(start, end, 230, 'en-US')).toEqual(['2:00 PM', '2:02 PM']);
	});

	it('shows seconds for a minute or less, whole seconds only', () => {
		const at = (second: number, ms: number) => new Date(2026, 11, 3, 14, 0, second, ms);
		expect(labels(at(0, 200), at(2, 700), LAPTOP)).toEqual(['14:00:01', '14:00:02']);
		expect(labels(at(0, 200), at(0, 900), LAPTOP)).toEqual(['14:00:00']);
		expect(labels(at(5, 0), at(5, 0), LAPTOP)).toEqual(['14:00:05']);
	});

	it('shows months, with the year once the ticks cross one, and thins them to fit', () => {
		expect(labels(new Date(2026, 1, 3), new Date(2026, 11, 3), PHONE)).toEqual([
			'Apr',
			'Jul',
			'Oct'
		]);
		const start = new Date(2025, 1, 3);
		const end = new Date(2026, 5, 3);
		expect(labels(start, end, LAPTOP)).toEqual([
			'Apr 2025',
			'Jul 2025',
			'Oct 2025',
			'Jan 2026',
			'Apr 2026'
		]);
		expect(labels(start, end, PHONE)).toEqual(['Apr 2025', 'Oct 2025', 'Apr 2026']);
		expect(labels(new Date(2020, 1, 3), new Date(2026, 5, 3), 230)).toEqual([
			'2022',
			'2024',
			'2026'
		]);
	});

	it('never repeats a label and fits the width, for any span and width', () => {
		const start = fc.date({
			min: new Date(2020, 0, 1),
			max: new Date(2030, 0, 1),
			noInvalidDate: true
		});
		const span = fc.integer({ min: 0, max: 3 * 365 * 24 * 3600 * 1000 });
		fc.assert(
			fc.property(start, span, fc.integer({ min: 200, max: 1200 }), (from, length, width) => {
				const to = new Date(from.getTime() + length);
				const ticks = timeTicks(from, to, width, 'en-US');
				const texts = ticks.values.map(ticks.label);
				expect(new Set(texts).size, texts.join(' | ')).toBe(texts.length);
				expect(ticks.values.length).toBeGreaterThan(0);
				if (texts.length > 1) {
					expect(texts.reduce((sum, text) => sum + labelWidth(text), 0)).toBeLessThanOrEqual(width);
				}
				for (const value of ticks.values) {
					expect(value.getTime()).toBeGreaterThanOrEqual(from.getTime());
					expect(value.getTime()).toBeLessThanOrEqual(to.getTime());
				}
			}),
			{ seed: SEED, numRuns: 500 }
		);
	});
});

describe('a chart with no points', () => {
	it('has no time ticks', () => {
		expect(timeTicks(new Date(NaN), new Date(NaN), 320, 'en-GB').values).toEqual([]);
	});
});
