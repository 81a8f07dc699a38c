import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { NOTE_MAX } from '../../src/lib/domain/fields';
import { balance, createOrder, moveMoney, openAccount, useBrowser } from './harness';

const browser = useBrowser();

describe('an account', () => {
	it('refuses a withdrawal beyond the balance in words, and changes nothing', async () => {
		const page = await browser.newPage();
		await openAccount(page, 'Marie Curie');
		await moveMoney(page, 'Deposit', '50.00', '€50.00', 'Opening float');
		const statement = page.getByRole('region', { name: 'Statement' }).locator('tbody tr');
		await expect.poll(() => statement.count()).toBe(1);
		const statementBefore = await statement.allTextContents();
		const historyTab = page.getByRole('tab', { name: /History/ });
		const historyBefore = await historyTab.textContent();

		const form = page.getByRole('form', { name: 'Deposit or withdraw' });
		await form.getByRole('radiogroup').getByText('Withdraw').click();
		await form.locator('input[name=amount]').fill('80.00');
		await form.getByRole('button', { name: 'Withdraw', exact: true }).click();

		const refusal = page.locator('.form-error[role=alert]');
		await expect
			.poll(() => refusal.textContent())
			.toBe("You can't withdraw €80.00: the balance is only €50.00.");
		// Nothing was written: same balance, same statement, no new event in the history.
		expect(await balance(page).textContent()).toBe('€50.00');
		expect(await statement.allTextContents()).toEqual(statementBefore);
		expect(await historyTab.textContent()).toBe(historyBefore);
		// What was typed is kept, so it can be corrected.
		expect(await form.locator('input[name=amount]').inputValue()).toBe('80.00');

		// Still refused after a reload: the refusal left no trace in IndexedDB.
		await page.reload();
		await expect.poll(() => balance(page).textContent()).toBe('€50.00');
		expect(await statement.allTextContents()).toEqual(statementBefore);

		// A withdrawal within the balance goes through.
		await moveMoney(page, 'Withdraw', '20.00', '€30.00');
		await expect.poll(() => statement.count()).toBe(2);
	});
});

describe('a note', () => {
	it('keeps pasted text past its limit whole, and says so, instead of cutting it silently', async () => {
		const page = await browser.newPage();
		await openAccount(page, 'Lise Meitner');
		const form = page.getByRole('form', { name: 'Deposit or withdraw' });
		const note = form.locator('input[name=note]');
		// Typed, then pasted on: all of it stays, as the person gave it (invariant 8).
		await note.pressSequentially('xyz');
		await note.press('End');
		await page.keyboard.insertText('y'.repeat(NOTE_MAX + 20));
		expect(await note.inputValue()).toBe(`xyz${'y'.repeat(NOTE_MAX + 20)}`);
		await form.locator('input[name=amount]').fill('5.00');
		await form.getByRole('button', { name: 'Deposit', exact: true }).click();
		await expect
			.poll(() => form.locator('small.error').textContent())
			.toBe(`Use at most ${NOTE_MAX} characters.`);
		expect(await balance(page).textContent()).toBe('€0.00');

		// Spaces count too: the length is that of the text as given, before trimming.
		await note.fill(' '.repeat(NOTE_MAX) + 'x');
		await form.getByRole('button', { name: 'Deposit', exact: true }).click();
		await expect
			.poll(() => form.locator('small.error').textContent())
			.toBe(`Use at most ${NOTE_MAX} characters.`);
		expect(await balance(page).textContent()).toBe('€0.00');

		// Cut to the limit, it goes through.
		await note.fill('y'.repeat(NOTE_MAX));
		await form.getByRole('button', { name: 'Deposit', exact: true }).click();
		await expect.poll(() => balance(page).textContent()).toBe('€5.00');
	});
});

describe('the activity page', () => {
	it('shows the lists as they were at an earlier time', async () => {
		const page = await browser.newPage();
		await page.goto('/activity');
		await page.getByText('Nothing has happened yet').waitFor();

		await openAccount(page, 'Ada Byron');
		await moveMoney(page, 'Deposit', '10.00', '€10.00');
		const between = await page.evaluate(() => Date.now());
		// The next change must be strictly later than the chosen moment.
		await page.waitForFunction((t) => Date.now() > t + 1, between);
		await moveMoney(page, 'Deposit', '5.00', '€15.00');
		await createOrder(page, 'Late Larry');

		await page.getByRole('link', { name: 'Activity' }).first().click();
		const feed = page.getByRole('region', { name: 'Changes' }).locator('li');
		// Four changes, and the new order's number issued on this device's series.
		await expect.poll(() => feed.count()).toBe(5);
		expect((await feed.allTextContents()).slice(0, 2).join(' ')).toContain('Order for Late Larry');

		const asOf = page.getByLabel('Show lists as of');
		await asOf.fill(await localDateTime(page, between));
		const accounts = page.getByRole('region', { name: 'Accounts as of then' });
		const orders = page.getByRole('region', { name: 'Orders as of then' });
		await expect
			.poll(() => accounts.locator('tbody tr').allTextContents())
			.toEqual([expect.stringContaining('Ada Byron')]);
		expect(await accounts.locator('tbody tr').first().textContent()).toContain('€10.00');
		expect(await orders.textContent()).toContain('No orders existed yet.');

		// Now: both deposits and the order.
		await asOf.fill(await localDateTime(page, Date.now() + 60_000));
		await expect.poll(() => accounts.locator('tbody tr').first().textContent()).toContain('€15.00');
		await expect
			.poll(() => orders.locator('tbody tr').allTextContents())
			.toEqual([expect.stringContaining('Late Larry')]);
		// By its number too, as the order list shows it: two orders of one customer tell apart.
		expect(await orders.locator('tbody tr .order-number').textContent()).toMatch(/^\S+-0001/);

		// Before anything happened: nothing existed.
		await asOf.fill(await localDateTime(page, between - 24 * 3600_000));
		await expect.poll(() => accounts.textContent()).toContain('No accounts existed yet.');
		expect(await orders.textContent()).toContain('No orders existed yet.');

		// Clearing the field leaves the as-of view.
		await asOf.fill('');
		await expect.poll(() => accounts.count()).toBe(0);
	});
});

/** `epochMs` as the value of a `datetime-local` input in the page's time zone, to the millisecond. */
async function localDateTime(page: Page, epochMs: number): Promise<string> {
	return page.evaluate((ms) => {
		const offset = new Date(ms).getTimezoneOffset() * 60_000;
		return new Date(ms - offset).toISOString().slice(0, 23);
	}, epochMs);
}
