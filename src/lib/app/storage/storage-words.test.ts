import { describe, expect, it } from 'vitest';
import { formatAge, ONLY_HERE_WARNING_MS, onlyHereFor } from './storage-alerts';
import { firstVisitWarning, formatBytes, storageView } from './storage-words';

const MB = 1024 ** 2;
const GB = 1024 ** 3;

describe('storageView', () => {
	it('a lasting grant with room to spare is green, and offers no button', () => {
		const view = storageView(
			{ canStore: true, persistence: 'granted', usage: 3 * MB, quota: 10 * GB },
			'en-GB'
		);
		expect(view).toMatchObject({ tone: 'green', canAsk: false });
		expect(view.headline).toBe('Kept on this device until you delete it');
		expect(view.room).toMatchObject({ used: '3 MB', left: '10 GB', tone: 'green' });
		expect(view.room?.warning).toBeUndefined();
	});

	it('best effort is amber and offers to ask the browser', () => {
		const view = storageView(
			{ canStore: true, persistence: 'best-effort', usage: 0, quota: 10 * GB },
			'en-GB'
		);
		expect(view).toMatchObject({ tone: 'amber', canAsk: true });
		expect(view.headline).toBe('Kept, but the browser may clear it');
	});

	it('warns before the quota is near: amber from 80 % or 100 MB left, red from 95 % or 20 MB', () => {
		const at = (usage: number, quota: number) =>
			storageView({ canStore: true, persistence: 'granted', usage, quota }, 'en-GB');
		expect(at(79 * MB, 100 * 10 * MB).room?.tone).toBe('green');
		expect(at(8 * GB, 10 * GB).room).toMatchObject({ tone: 'amber', percent: 80 });
		expect(at(8 * GB, 10 * GB).tone).toBe('amber');
		expect(at(8 * GB, 10 * GB).room?.warning).toMatch(/^Room is running short \(2 GB left\)/);
		expect(at(200 * MB, 290 * MB).room?.tone).toBe('amber');
		expect(at(96 * GB, 100 * GB).room?.tone).toBe('red');
		expect(at(96 * GB, 100 * GB).tone).toBe('red');
		expect(at(90 * MB, 105 * MB).room?.warning).toMatch(/^Almost no room is left \(15 MB\)/);
	});

	it('says plainly when the browser keeps nothing, or does not say', () => {
		expect(storageView({ canStore: false, persistence: 'unknown' }, 'en-GB')).toMatchObject({
			tone: 'red',
			headline: 'This browser refuses to keep anything for Rewind',
			canAsk: false
		});
		const unknown = storageView({ canStore: true, persistence: 'unknown' }, 'en-GB');
		expect(unknown).toMatchObject({ tone: 'grey', canAsk: false });
		expect(unknown.room).toBeUndefined();
	});

	it("formats the room in the person's language", () => {
		const view = storageView(
			{ canStore: true, persistence: 'granted', usage: 1.5 * MB, quota: 10 * GB },
			'de-DE'
		);
		expect(view.room?.used).toBe('1,5 MB');
	});
});

describe('firstVisitWarning', () => {
	it('warns when site data is refused, the room is a private window’s, or nothing is said', () => {
		expect(firstVisitWarning({ canStore: false, persistence: 'unknown' })?.title).toBe(
			'This browser refuses to keep anything for Rewind'
		);
		expect(
			firstVisitWarning({ canStore: true, persistence: 'best-effort', usage: 0, quota: 50 * MB })
				?.title
		).toBe('This window may forget your work');
		expect(firstVisitWarning({ canStore: true, persistence: 'unknown' })?.title).toBe(
			'This browser does not say whether it keeps your work'
		);
	});

	it('stays quiet in an ordinary browser, granted or best effort', () => {
		for (const persistence of ['granted', 'best-effort'] as const) {
			expect(firstVisitWarning({ canStore: true, persistence, usage: 0, quota: 10 * GB })).toBe(
				undefined
			);
		}
	});
});

describe('onlyHereFor', () => {
	const now = Date.parse('2026-03-10T12:00:00.000Z');

	it('is the age of the oldest change kept only here, from a day on', () => {
		expect(onlyHereFor(undefined, now)).toBeUndefined();
		expect(onlyHereFor('2026-03-10T00:00:00.000Z', now)).toBeUndefined();
		expect(onlyHereFor(new Date(now - ONLY_HERE_WARNING_MS).toISOString(), now)).toBe(
			ONLY_HERE_WARNING_MS
		);
	});

	it('reads as days, then weeks', () => {
		expect(formatAge(ONLY_HERE_WARNING_MS, 'en-GB')).toBe('1 day');
		expect(formatAge(3.5 * ONLY_HERE_WARNING_MS, 'en-GB')).toBe('3 days');
		expect(formatAge(15 * ONLY_HERE_WARNING_MS, 'en-GB')).toBe('2 weeks');
		expect(formatAge(3 * ONLY_HERE_WARNING_MS, 'de-DE')).toBe('3 Tage');
	});

	it('formats bytes small and large', () => {
		expect(formatBytes(0, 'en-GB')).toBe('0 bytes');
		expect(formatBytes(2_500, 'en-GB')).toBe('2 kB');
	});
});
