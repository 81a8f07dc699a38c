// Where a person's work is kept, said plainly: a browser that blocks site data (a real
// Chromium setting, written into a fresh profile), a private window's sliver of room and a
// browser without the Storage API (both stubbed in an init script: Chromium's off-the-record
// contexts report the same quota as any other), lasting storage asked for at the first change,
// and the header's warning once changes have been only here for more than a day.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { CHROMIUM_FLAGS, requireChromium } from './chromium.js';
import { createOrder, DESKTOP, eventually, PHONE, screenshot, useBrowser } from './harness';

const browser = useBrowser();
const DAY = 24 * 3600 * 1000;

describe('the storage guard', () => {
	it('says plainly, instead of starting, when the browser refuses to keep site data', async () => {
		// Chromium's own setting "Don't allow sites to save data", as a fresh profile's preference.
		const profile = mkdtempSync(join(tmpdir(), 'rewind-blocked-'));
		mkdirSync(join(profile, 'Default'));
		writeFileSync(
			join(profile, 'Default', 'Preferences'),
			JSON.stringify({ profile: { default_content_setting_values: { cookies: 2 } } })
		);
		const context = await chromium.launchPersistentContext(profile, {
			executablePath: requireChromium(),
			headless: true,
			args: CHROMIUM_FLAGS,
			baseURL: inject('baseURL'),
			viewport: PHONE,
			locale: 'en-GB'
		});
		const errors: string[] = [];
		try {
			const page = await context.newPage();
			page.on('pageerror', (error) => errors.push(error.message));
			await page.goto('/orders');
			// Really refused: the browser will not open a database for the site.
			expect(
				await page.evaluate(
					() =>
						new Promise((resolve) => {
							const request = indexedDB.open('probe');
							request.onsuccess = () => resolve('opened');
							request.onerror = () => resolve('refused');
						})
				)
			).toBe('refused');
			await page
				.getByRole('heading', { name: 'This browser refuses to keep anything for Rewind' })
				.waitFor();
			expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
			await screenshot(page, 'storage-refused-phone');
		} finally {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		}
		expect(errors).toEqual([]);
	});

	it("warns on a first visit to a window with a private window's room, once", async () => {
		const context = await browser.newContext();
		await context.addInitScript(() => {
			// about:blank has no Storage API; the app's pages do.
			if (!navigator.storage) return;
			const mb = 1024 ** 2;
			navigator.storage.estimate = () => Promise.resolve({ usage: 0, quota: 60 * mb });
		});
		const page = await context.newPage();
		await page.goto('/orders');
		const warning = page.getByRole('alert').filter({ hasText: 'This window may forget your work' });
		await warning.waitFor();
		await screenshot(page, 'storage-first-visit');
		// Keyboard alone: the warning's buttons are in the tab order before the page.
		await warning.getByRole('button', { name: 'I understand' }).focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => warning.count()).toBe(0);
		await page.reload();
		await page.getByRole('heading', { name: 'Orders', exact: true }).waitFor();
		await page.waitForTimeout(300);
		expect(await warning.count()).toBe(0);
	});

	it('warns when the browser has no Storage API to ask', async () => {
		const context = await browser.newContext();
		await context.addInitScript(() => {
			Object.defineProperty(Navigator.prototype, 'storage', { get: () => undefined });
		});
		const page = await context.newPage();
		await page.goto('/sync');
		await page
			.getByRole('alert')
			.filter({ hasText: 'This browser does not say whether it keeps your work' })
			.waitFor();
		const card = page.getByRole('region', { name: 'Your data on this device' });
		await card.getByText('This browser does not say how long it keeps your work').waitFor();
		expect(await card.getByRole('button', { name: 'Ask the browser to keep it' }).count()).toBe(0);
	});

	it('asks for lasting storage at the first change, and shows the answer and the room on Sync', async () => {
		const page = await browser.newPage({ viewport: DESKTOP });
		await page.goto('/orders');
		await page.getByText('No orders yet').waitFor();
		expect(await page.evaluate(() => localStorage.getItem('rewind:persist-asked'))).toBeNull();
		await createOrder(page, 'Ada');
		await eventually(
			() => page.evaluate(() => localStorage.getItem('rewind:persist-asked') !== null),
			true
		);

		await page.goto('/sync');
		const card = page.getByRole('region', { name: 'Your data on this device' });
		// Headless Chromium keeps data "best effort" and declines to promise more.
		await card.getByText('Kept, but the browser may clear it').waitFor();
		await card.getByRole('meter', { name: 'Storage used' }).waitFor();
		await eventually(
			() =>
				card
					.getByTestId('only-here')
					.textContent()
					.then((text) => text?.replace(/\s+/g, ' ').trim()),
			'2 changes exist only on this device, the oldest from just now. Sign in to keep them on the server too.'
		);
		await card.getByRole('button', { name: 'Ask the browser to keep it' }).click();
		await card.getByRole('status').filter({ hasText: 'The browser said no for now.' }).waitFor();
		await screenshot(page, 'sync-this-device');
		await page.setViewportSize(PHONE);
		await screenshot(page, 'sync-this-device-phone');
	});

	it('says in the header when changes have been only on this device for over a day', async () => {
		const page = await browser.newPage({ locale: 'de-DE' });
		await createOrder(page, 'Jürgen');
		const pill = page.getByTestId('sync-status');
		await eventually(() => pill.textContent().then((text) => text?.trim()), 'On this device only');
		// The device's clock, three days on: the change is still only here.
		await page.clock.setFixedTime(Date.now() + 3 * DAY);
		await page.reload();
		await eventually(
			() => pill.getAttribute('aria-label').then((label) => label?.split('.')[0]),
			'Only on this device for 3 Tage'
		);
		expect(await pill.getAttribute('href')).toBe('/sync#this-device');
		await screenshot(page, 'storage-only-here-de');
		await pill.click();
		await page.waitForURL('**/sync#this-device');
		await page
			.getByRole('region', { name: 'Your data on this device' })
			.getByText(/exists? only on this device/)
			.waitFor();
	});
});
