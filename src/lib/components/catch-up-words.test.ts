import { describe, expect, it } from 'vitest';
import { catchUpWords } from './catch-up-words';

describe('catchUpWords', () => {
	it('counts in the person’s locale', () => {
		expect(catchUpWords({ done: 12_000, total: 100_000 }, 'en-US').sentence).toBe(
			'Downloading 12,000 of 100,000 changes'
		);
		expect(catchUpWords({ done: 12_000, total: 100_000 }, 'de-DE').sentence).toBe(
			'Downloading 12.000 of 100.000 changes'
		);
	});

	it('never shows 100 % before the last change is here', () => {
		const almost = catchUpWords({ done: 99_999, total: 100_000 }, 'en-GB');
		expect(almost.percent).toBe(99);
		expect(almost.short).toBe('99%');
		expect(catchUpWords({ done: 100_000, total: 100_000 }, 'en-GB').short).toBe('100%');
		expect(catchUpWords({ done: 5, total: 100_000 }, 'fr-FR').short).toMatch(/^0\s%$/);
	});
});
