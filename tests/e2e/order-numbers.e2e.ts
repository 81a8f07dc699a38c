import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { backUp, createOrder, eventually, PHONE, restore, screenshot, useBrowser } from './harness';

// Order numbers in Chromium against the built server: numbered offline with a provisional
// prefix, renamed once the device joins a workspace, shown on the list, the order page and the
// receipt, and found by the list's search.

const browser = useBrowser();
const PASSWORD = 'correct horse battery';

/** The number on the order page, beside its status. */
const pageNumber = (page: Page) => page.locator('main .subtitle .order-number .num');
/** The number on the order list's row for `customer`. */
const rowNumber = (page: Page, customer: string) =>
	page.locator('tbody tr', { hasText: customer }).locator('.order-number .num');
const listedCustomers = (page: Page) =>
	page.getByRole('region', { name: 'Order list' }).locator('tbody .customer').allTextContents();

async function createWorkspace(page: Page): Promise<void> {
	await page.goto('/sync');
	await page.getByRole('tab', { name: 'Create a workspace' }).click();
	await page
		.getByRole('textbox', { name: 'Workspace' })
		.fill(`Stall ${crypto.randomUUID().slice(0, 8)}`);
	await page.getByRole('textbox', { name: 'Your name' }).fill('Ada');
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await page.getByRole('button', { name: 'Create workspace' }).click();
	await page.getByRole('heading', { name: 'Your account' }).waitFor();
}

async function search(page: Page, text: string): Promise<void> {
	await page.getByRole('searchbox', { name: 'Search orders' }).fill(text);
}

describe('order numbers', () => {
	it('of a phone that never synced are named by the device its backup is restored on', async () => {
		const lost = await browser.newPage();
		await createOrder(lost, 'Lost phone');
		await expect.poll(() => pageNumber(lost).textContent()).toMatch(/^[0-9A-F]{4}-0001$/);
		const file = await backUp(lost);

		// The phone is gone; its backup is restored on another device, which then joins.
		const other = await browser.newPage();
		expect(await restore(other, file)).toContain('Restored');
		await createWorkspace(other);
		await other.goto('/orders');
		await expect
			.poll(() => rowNumber(other, 'Lost phone').textContent(), { timeout: 15_000 })
			.toMatch(/^[A-Z]+-0001$/);
		expect(await other.locator('tbody tr', { hasText: 'Lost phone' }).textContent()).not.toContain(
			'provisional'
		);
		await createOrder(other, 'Its own');
		// Two series, two prefixes: the restored one's and this device's own.
		await other.goto('/orders');
		await expect.poll(() => rowNumber(other, 'Its own').textContent()).toMatch(/^[A-Z]+-0001$/);
		expect(await rowNumber(other, 'Its own').textContent()).not.toBe(
			await rowNumber(other, 'Lost phone').textContent()
		);
	});

	it('are issued offline, named when the device joins, shown everywhere and searchable', async () => {
		const page = await browser.newPage();
		const first = await createOrder(page, 'Ada Lovelace');
		// Not signed in: a provisional prefix from the device, the number from 1.
		await expect.poll(() => pageNumber(page).textContent()).toMatch(/^[0-9A-F]{4}-0001$/);
		expect(await page.locator('main .subtitle').textContent()).toContain('provisional');
		const provisional = (await pageNumber(page).textContent())!.slice(0, 4);
		await createOrder(page, 'Grace Hopper');
		await expect.poll(() => pageNumber(page).textContent()).toBe(`${provisional}-0002`);

		// The device joins a workspace: the server names its series, and every number follows.
		await createWorkspace(page);
		await page.goto(`/orders/${first}`);
		await expect.poll(() => pageNumber(page).textContent(), { timeout: 15_000 }).toBe('A-0001');
		expect(await page.locator('main .subtitle').textContent()).not.toContain('provisional');
		await createOrder(page, 'Katherine Johnson');
		await expect.poll(() => pageNumber(page).textContent()).toBe('A-0003');
		// Only an order without one offers to give it a number.
		expect(await page.getByText('This order has no number yet').count()).toBe(0);

		await page.goto('/orders');
		await expect.poll(() => rowNumber(page, 'Ada Lovelace').textContent()).toBe('A-0001');
		await expect.poll(() => rowNumber(page, 'Grace Hopper').textContent()).toBe('A-0002');
		await expect.poll(() => rowNumber(page, 'Katherine Johnson').textContent()).toBe('A-0003');
		await screenshot(page, 'order-numbers-list-desktop');

		// Found by the number as said aloud, as typed in short, or by its digits alone.
		for (const asked of ['A-0002', 'a2', '2', '#0002']) {
			await search(page, asked);
			await expect.poll(() => listedCustomers(page), { message: asked }).toEqual(['Grace Hopper']);
		}
		await search(page, 'B-0002');
		await page.getByText('No matching orders').waitFor();
		await search(page, '');
		await expect.poll(async () => (await listedCustomers(page)).length).toBe(3);

		// The receipt carries it.
		await page.goto(`/orders/${first}/print`);
		await expect.poll(() => page.getByTestId('print-number').textContent()).toBe('A-0001');
		await screenshot(page, 'order-numbers-receipt-desktop');

		// In the activity, the numbers are the device's, never an account's, and link nowhere.
		await page.goto('/activity');
		const feed = page.getByRole('region', { name: 'Changes' });
		await feed.getByText('Issued number 3').waitFor();
		const issued = feed.locator('li').filter({ hasText: 'Issued number 3' });
		expect(await issued.locator('.body > :first-child').textContent()).toBe(
			"This device's order numbers"
		);
		expect(await issued.getByRole('link').count()).toBe(0);
	});

	it('reads well on a phone: the number before the customer, and on the order page', async () => {
		const page = await browser.newPage({ viewport: PHONE });
		await createOrder(page, 'Mary Somerville');
		await expect.poll(() => pageNumber(page).textContent()).toMatch(/-0001$/);
		await screenshot(page, 'order-numbers-order-phone');
		await createOrder(page, 'Emmy Noether, Institute for Advanced Study');
		await page.goto('/orders');
		await eventually(async () => (await listedCustomers(page)).length, 2);
		await expect.poll(() => rowNumber(page, 'Mary Somerville').isVisible()).toBe(true);
		await screenshot(page, 'order-numbers-list-phone');
		await search(page, '2');
		await expect
			.poll(() => listedCustomers(page))
			.toEqual(['Emmy Noether, Institute for Advanced Study']);

		// The Sync page lists the device's numbers among the unsynced work, with no way to
		// discard them: a number, once issued, stays with its order.
		await page.goto('/sync');
		const numbers = page.locator('li.record', { hasText: "This device's order numbers" });
		await numbers.waitFor();
		expect(await numbers.getByRole('button', { name: /Discard/ }).count()).toBe(0);
		await screenshot(page, 'order-numbers-sync-phone');
	});
});
