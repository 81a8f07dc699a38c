import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
	addItem,
	balance,
	createOrder,
	eventually,
	DESKTOP,
	moveMoney,
	openAccount,
	PHONE,
	screenshot,
	useBrowser
} from './harness';

const browser = useBrowser();

/** Chooses "Charge to an account" on a draft order, picks `holder`, and submits. */
async function submitChargedTo(page: Page, holder: string) {
	const summary = page.getByRole('region', { name: 'Summary' });
	await summary.getByText('Charge to an account').click();
	await summary.getByRole('radio', { name: new RegExp(`^${holder}`) }).check();
	await summary.getByRole('button', { name: 'Submit order' }).click();
}

const paymentNote = (page: Page) =>
	page.getByRole('region', { name: 'Summary' }).locator('.payment');

describe('paying an order from an account', () => {
	it('withdraws the total on submit, refuses what the balance does not cover, refunds on cancel', async () => {
		const page = await browser.newPage();
		// A customer first: the account and the orders typed with their name are linked to them.
		await page.goto('/customers/new');
		await page.locator('main form input[name=name]').fill('Noor Haddad');
		await page.locator('main form').getByRole('button', { name: 'Add customer' }).click();
		await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
		const customerPath = new URL(page.url()).pathname;
		const accountId = await openAccount(page, 'Noor Haddad');
		await moveMoney(page, 'Deposit', '50.00', '€50.00');

		const paidId = await createOrder(page, 'Noor Haddad');
		// The order has its number from the start, offline or not.
		const number = page.locator('main .order-number .num').first();
		await expect.poll(() => number.textContent()).toMatch(/\d{4}/);
		const paidNumber = (await number.textContent())!.trim();
		await addItem(page, { name: 'Brass lamp', price: '30.00' });
		await submitChargedTo(page, 'Noor Haddad');
		await expect
			.poll(() => paymentNote(page).textContent(), { timeout: 10_000 })
			.toMatch(/Paid €30\.00 from Noor Haddad's account/);

		await createOrder(page, 'Noor Haddad');
		await addItem(page, { name: 'Kilim rug', price: '99.00' });
		const summary = page.getByRole('region', { name: 'Summary' });
		await summary.getByText('Charge to an account').click();
		// The page says before submitting that the balance won't cover it.
		await expect
			.poll(() => summary.locator('.warning').textContent(), { timeout: 10_000 })
			.toMatch(/doesn't cover this order/);
		await summary.getByRole('button', { name: 'Submit order' }).click();
		await expect
			.poll(() => paymentNote(page).textContent(), { timeout: 10_000 })
			.toMatch(/Payment failed\.[\s\S]*balance of €20\.00 doesn't cover the order's €99\.00/);
		await page.setViewportSize(PHONE);
		await screenshot(page, 'order-payment-failed-phone');

		// The refused charge waits in the inbox, saying the app asked for it.
		await page.goto('/sync');
		const inbox = page.locator('#inbox');
		await expect
			.poll(() => inbox.textContent(), { timeout: 10_000 })
			.toMatch(/Pay €99\.00 for an order from/);
		expect(await inbox.textContent()).toMatch(/order was submitted to be paid/);

		// Cancelling the paid order gives its money back.
		await page.goto(`/orders/${paidId}`);
		await page.getByRole('button', { name: 'Cancel order' }).click();
		await page.getByRole('button', { name: 'Cancel the order' }).click();
		await expect
			.poll(() => paymentNote(page).textContent(), { timeout: 10_000 })
			.toMatch(/refunded, as the order is cancelled/);
		await page.goto(`/accounts/${accountId}`);
		await eventually(() => balance(page).textContent(), '€50.00');
		const statement = page.getByRole('region', { name: 'Statement' });
		expect(await statement.locator('tbody tr').count()).toBe(3);
		// The payment and its refund say so, name the order by its number, and lead to it.
		const what = await statement.locator('tbody td.what').allTextContents();
		expect(what.map((text) => text.replace(/\s+/g, ' ').trim())).toEqual([
			`Refund of order ${paidNumber}`,
			`Payment for order ${paidNumber}`,
			'Deposit'
		]);
		expect(
			await statement
				.getByRole('link', { name: `order ${paidNumber}` })
				.first()
				.getAttribute('href')
		).toBe(`/orders/${paidId}`);

		// The customer's page has both orders, the paid one by its number, and the account.
		await page.goto(customerPath);
		const main = page.locator('main');
		await expect.poll(() => main.textContent()).toContain(paidNumber);
		expect(await main.textContent()).toContain('€50.00');
		await page.setViewportSize(DESKTOP);
		await screenshot(page, 'customer-with-paid-orders-laptop');
	});

	it('offers the choice on a phone, with the customer’s account first', async () => {
		const page = await browser.newPage({ viewport: PHONE });
		await openAccount(page, 'Amina Diallo');
		await moveMoney(page, 'Deposit', '80.00', '€80.00');
		await createOrder(page, 'Amina Diallo');
		await addItem(page, { name: 'Wool scarf', price: '34.99' });
		const summary = page.getByRole('region', { name: 'Summary' });
		await summary.getByText('Charge to an account').click();
		const first = summary.getByRole('radio', { name: /^Amina Diallo/ });
		await eventually(() => first.isChecked(), true);
		await screenshot(page, 'order-payment-choice-phone');
		// Everything fits the phone's width: nothing to scroll sideways.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			PHONE.width
		);
	});
});
