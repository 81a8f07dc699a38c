import { describe, expect, it } from 'vitest';
import {
	addItem,
	createOrder,
	focusPage,
	itemNames,
	orderTotal,
	PHONE,
	SCREENSHOTS,
	toasts,
	useBrowser
} from './harness';

const browser = useBrowser();

// DESIGN.md "Sealed history": a submitted order can no longer change, not even by undo or
// by restoring an earlier version.

describe('a submitted order', () => {
	it('refuses Ctrl+Z after Submit with the reason, and its history offers no restore before the seal', async () => {
		const page = await browser.newPage();
		await createOrder(page, 'Ada Lovelace'); // v1
		await addItem(page, { name: 'Ceramic mug', price: '12.50', quantity: 2 }); // v2
		await page.getByRole('button', { name: 'Submit order' }).click(); // v3
		await expect.poll(() => page.locator('.subtitle .badge').textContent()).toBe('Submitted');
		await focusPage(page);

		await page.keyboard.press('Control+z');
		await expect
			.poll(() => toasts(page).allTextContents())
			.toContain(
				'This order was submitted, so it stays as it was sent: neither that nor the changes before it can be undone. To stop it, cancel the order; to change what was ordered, create a new order.'
			);
		expect(await page.locator('.subtitle .badge').textContent()).toBe('Submitted');
		expect(await itemNames(page)).toEqual(['Ceramic mug']);
		expect(await orderTotal(page).textContent()).toBe('€25.00');

		await page.getByRole('tab', { name: /History/ }).click();
		const travel = page.getByRole('region', { name: 'Time travel' });
		const changes = page.getByRole('region', { name: 'Changes' });
		await expect
			.poll(() => changes.locator('li').first().locator('.seal').textContent())
			.toContain('Sealed');
		// Back to version 2, before the submission: it can be looked at, not restored.
		await changes.locator('li').nth(1).locator('button').click();
		await expect
			.poll(() => travel.locator('h2').textContent())
			.toContain('As it was at version 2 of 3');
		await expect
			.poll(() => travel.getByRole('note').textContent())
			.toContain('Sealed at version 3');
		expect(await travel.getByRole('button', { name: 'Restore to here' }).count()).toBe(0);
		await page.screenshot({ path: `${SCREENSHOTS}/sealed-history-laptop.png`, fullPage: true });
		await page.setViewportSize(PHONE);
		await page.screenshot({ path: `${SCREENSHOTS}/sealed-history-phone.png`, fullPage: true });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			PHONE.width
		);
	});
});
