import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
	addItem,
	createOrder,
	installOfflineCache,
	itemNames,
	orderTotal,
	useBrowser
} from './harness';

const browser = useBrowser();

const listedCustomers = (page: Page) =>
	page.getByRole('region', { name: 'Order list' }).locator('tbody .customer').allTextContents();

describe('two tabs of one browser', () => {
	it("see each other's changes live, without a reload", async () => {
		const context = await browser.newContext();
		const a = await context.newPage();
		const b = await context.newPage();
		await b.goto('/orders');
		await b.getByText('No orders yet').waitFor();

		// The person works in the tab in front; the other one only watches.
		await a.bringToFront();
		await createOrder(a, 'Tab Alpha');
		await expect.poll(() => listedCustomers(b)).toEqual(['Tab Alpha']);

		// B opens the same order; items A adds show up in B.
		await b.getByRole('link', { name: 'Tab Alpha' }).click();
		await expect.poll(() => b.locator('h1').textContent()).toBe('Tab Alpha');
		await addItem(a, { name: 'Ceramic mug', price: '12.50', quantity: 2 });
		await expect.poll(() => itemNames(b)).toEqual(['Ceramic mug']);
		await expect.poll(() => orderTotal(b).textContent()).toBe('€25.00');

		// And the other way round.
		await b.bringToFront();
		await b.getByRole('button', { name: 'One more Ceramic mug' }).click();
		await expect.poll(() => orderTotal(a).textContent()).toBe('€37.50');
		await b.getByRole('button', { name: 'Submit order' }).click();
		await expect.poll(() => a.locator('.subtitle .badge').textContent()).toBe('Submitted');
		expect(await a.getByRole('button', { name: 'Add item' }).count()).toBe(0);
	});
});

describe('offline', () => {
	it('after a first visit, a reload with no network shows all data and accepts changes', async () => {
		const context = await browser.newContext({ serviceWorkers: 'allow' });
		const page = await context.newPage();
		await installOfflineCache(page);

		const id = await createOrder(page, 'Offline Olga');
		await addItem(page, { name: 'Ceramic mug', price: '12.50', quantity: 2 });

		await context.setOffline(true);
		// What the page is told: Playwright's offline mode no longer reaches `navigator.onLine` in
		// every Chromium (Debian's 150 keeps saying online, on every new document). The network is
		// really gone (checked below); the pages loaded from now on hear so as a phone's would.
		await context.addInitScript(() =>
			Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => false })
		);
		// Really offline, for the page and for the service worker.
		expect(
			await page.evaluate(() =>
				fetch('/api/health').then(
					() => 'online',
					() => 'offline'
				)
			)
		).toBe('offline');
		const [worker] = context.serviceWorkers();
		expect(worker, 'a service worker').toBeDefined();
		expect(
			await worker!.evaluate(() =>
				fetch('/api/health').then(
					() => 'online',
					() => 'offline'
				)
			)
		).toBe('offline');

		// The list, served from the cache with the data from IndexedDB.
		await page.goto('/orders');
		await expect.poll(() => listedCustomers(page)).toEqual(['Offline Olga']);
		await page.getByText('Offline — still saving').waitFor();

		// A deep link to the order works too, and takes a change.
		await page.goto(`/orders/${id}`);
		await expect.poll(() => itemNames(page)).toEqual(['Ceramic mug']);
		await addItem(page, { name: 'Teapot', price: '24.00', quantity: 1 });
		await expect.poll(() => orderTotal(page).textContent()).toBe('€49.00');

		// The change persists across another reload with no network.
		await page.reload();
		await expect.poll(() => itemNames(page)).toEqual(['Ceramic mug', 'Teapot']);
		await expect.poll(() => orderTotal(page).textContent()).toBe('€49.00');
		await page.getByText('Offline — still saving').waitFor();

		// Back online, nothing is lost.
		await context.setOffline(false);
		await page.reload();
		await expect.poll(() => itemNames(page)).toEqual(['Ceramic mug', 'Teapot']);
	});
});
