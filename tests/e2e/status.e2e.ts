import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createOrder, eventually, PHONE, screenshot, useBrowser } from './harness';
import { seedWorkspace, signIn } from './seed-workspace';

// The header's sync status as a person sees it on a new device: signing in to a workspace
// that already has thousands of changes, and the server going away and coming back.

const browser = useBrowser();
const ORDERS = 3_000;

interface Sample {
	at: number;
	text: string;
	/** Events in the device's IndexedDB, read from the moment the header said "Synced". */
	stored?: number;
}

/**
 * Records the header's sync label in the page from its first paint: on every change (a
 * MutationObserver) and every 20 ms besides. Whenever it reads "Synced", it also counts the
 * events the device holds at that moment, straight from IndexedDB.
 */
async function recordHeader(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const samples: Sample[] = [];
		(window as unknown as { headerSamples: Sample[] }).headerSamples = samples;
		const countEvents = () =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('rewind');
				open.onerror = () => reject(new Error(String(open.error)));
				open.onsuccess = () => {
					const db = open.result;
					const request = db.transaction('events').objectStore('events').count();
					request.onsuccess = () => {
						db.close();
						resolve(request.result);
					};
				};
			});
		const sample = () => {
			const pill = document.querySelector('[data-testid="sync-status"]');
			if (!pill) return;
			const text = pill.querySelector('.label')?.textContent?.trim() ?? '';
			if (samples.at(-1)?.text === text) return;
			const entry: Sample = { at: performance.now(), text };
			samples.push(entry);
			if (text === 'Synced') void countEvents().then((stored) => (entry.stored = stored));
		};
		new MutationObserver(sample).observe(document, {
			subtree: true,
			childList: true,
			characterData: true,
			attributes: true
		});
		setInterval(sample, 20);
	});
}

function samples(page: Page): Promise<Sample[]> {
	return page.evaluate(() => (window as unknown as { headerSamples: Sample[] }).headerSamples);
}

/** The header's label (what a laptop shows). */
function headerLabel(page: Page): Promise<string> {
	return page.getByTestId('sync-status').locator('.label').innerText();
}

const DOWNLOADING = /^Downloading ([\d,]+) of ([\d,]+) changes$/;
const count = (digits: string) => Number(digits.replaceAll(',', ''));

describe('the header while a new device catches up', () => {
	it(`never says Synced before all ${ORDERS} changes are on the device, and says how far it is`, async () => {
		const seeded = await seedWorkspace(ORDERS);
		const page = await browser.newPage();
		await recordHeader(page);
		await signIn(page, seeded);
		await eventually(() => headerLabel(page), 'Synced', 30_000);
		await page.getByRole('link', { name: 'Orders' }).click();
		await expect
			.poll(() => page.getByRole('button', { name: /^All/ }).innerText(), { timeout: 30_000 })
			// In the browser's digits (its locale is en-GB): "3,000".
			.toMatch(new RegExp(`^All\\s+${ORDERS.toLocaleString('en-GB')}$`));
		await expect
			.poll(async () =>
				(await samples(page)).every((s) => s.text !== 'Synced' || s.stored !== undefined)
			)
			.toBe(true);

		const seen = await samples(page);
		const texts = seen.map((s) => s.text);
		// Everything the header said from the moment it knew the person had signed in.
		const signedIn = texts.lastIndexOf('On this device only');
		expect(signedIn, texts.join(' | ')).toBeGreaterThanOrEqual(0);
		const after = seen.slice(signedIn + 1);
		const synced = after.filter((s) => s.text === 'Synced');
		expect(synced.length).toBeGreaterThan(0);
		// The workspace's changes, and this device's series named as it joined (once named).
		for (const sample of synced) {
			expect(sample.stored, texts.join(' | ')).toBeGreaterThanOrEqual(ORDERS);
			expect(sample.stored, texts.join(' | ')).toBeLessThanOrEqual(ORDERS + 1);
		}

		const progress = after.flatMap((s) => {
			const match = DOWNLOADING.exec(s.text);
			return match ? [{ done: count(match[1]!), total: count(match[2]!) }] : [];
		});
		expect(progress.length, texts.join(' | ')).toBeGreaterThan(0);
		for (const [index, step] of progress.entries()) {
			expect([ORDERS, ORDERS + 1]).toContain(step.total);
			expect(step.done).toBeLessThanOrEqual(step.total);
			if (index > 0) expect(step.done).toBeGreaterThanOrEqual(progress[index - 1]!.done);
		}
		// Nothing but the catch-up's own words between signing in and the first "Synced".
		const firstSynced = after.findIndex((s) => s.text === 'Synced');
		expect(
			after.slice(0, firstSynced).every((s) => s.text === 'Syncing…' || DOWNLOADING.test(s.text)),
			texts.join(' | ')
		).toBe(true);
	});

	it('shows the progress in the header on a phone and a laptop, and on the Sync page', async () => {
		const seeded = await seedWorkspace(ORDERS);
		for (const [size, viewport] of [
			['laptop', { width: 1280, height: 800 }],
			['phone', PHONE]
		] as const) {
			const context = await browser.newContext({ viewport });
			// Slow pages, so that the catch-up lasts long enough to look at.
			await context.route('**/api/sync/pull?*', async (route) => {
				await new Promise((resolve) => setTimeout(resolve, 1_500));
				await route.continue();
			});
			const page = await context.newPage();
			await signIn(page, seeded);
			const pill = page.getByTestId('sync-status');
			// 3,000, and this device's series named as it joined when that got there first.
			await expect
				.poll(() => pill.getAttribute('aria-label'))
				.toMatch(/^Downloading 1,000 of 3,00[01] changes\./);
			await page.getByRole('progressbar', { name: 'Downloaded' }).waitFor();
			expect(await page.locator('.state').innerText()).toMatch(
				/Downloading 1,000 of 3,00[01] changes/
			);
			const box = await pill.boundingBox();
			const width = await page.evaluate(() => ({
				scroll: document.documentElement.scrollWidth,
				inner: window.innerWidth
			}));
			expect(width.scroll).toBeLessThanOrEqual(width.inner);
			expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
			if (size === 'phone') expect(await pill.innerText()).toBe('33%');
			await screenshot(page, `status-catch-up-${size}`);
			await context.unrouteAll({ behavior: 'ignoreErrors' });
			await eventually(
				() => pill.getAttribute('aria-label').then((l) => l?.split('.')[0]),
				'Synced',
				30_000
			);
		}
	});
});

describe('the header when the server goes away and comes back', () => {
	it('says it cannot reach the server, and syncs again within about 2 s of its return', async () => {
		const seeded = await seedWorkspace(1);
		const context = await browser.newContext();
		const page = await context.newPage();
		await signIn(page, seeded);
		await eventually(() => headerLabel(page), 'Synced', 30_000);

		// The server stops answering: every new request fails (the open live stream stays quiet).
		await context.route('**/api/**', (route) => route.abort('connectionrefused'));
		await createOrder(page, 'During the outage');
		// The order and its number.
		const waiting = /^Can't reach the server — \d+ changes waiting$/;
		await expect.poll(() => headerLabel(page), { timeout: 10_000 }).toMatch(waiting);
		await screenshot(page, 'status-server-down-laptop');
		// Long enough for the old backoff to have grown past 8 s.
		await new Promise((resolve) => setTimeout(resolve, 9_000));
		expect(await headerLabel(page)).toMatch(waiting);

		await context.unrouteAll({ behavior: 'ignoreErrors' });
		const back = Date.now();
		await eventually(() => headerLabel(page), 'Synced', 10_000);
		expect(Date.now() - back).toBeLessThan(2_600);
	});
});
