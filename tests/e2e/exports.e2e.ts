// What a person takes out of Rewind: the orders and a statement as CSV (read back here with
// the same CSV library), the activity log as NDJSON, and the printable order and statement,
// screenshotted as paper and saved as PDF, with no network.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
	addItem,
	installOfflineCache,
	balance,
	createOrder,
	eventually,
	moveMoney,
	openAccount,
	orderTotal,
	PHONE,
	screenshot,
	SCREENSHOTS,
	useBrowser
} from './harness';

const browser = useBrowser();

type Row = Record<string, string>;

async function downloaded(page: Page, start: () => Promise<unknown>): Promise<Download> {
	const [download] = await Promise.all([page.waitForEvent('download'), start()]);
	return download;
}

async function csvOf(download: Download): Promise<Row[]> {
	const text = readFileSync(await download.path(), 'utf8');
	const parsed = Papa.parse<Row>(text, { header: true, skipEmptyLines: true });
	expect(parsed.errors).toEqual([]);
	return parsed.data;
}

/** "€1,234.50" or "1.234,50 €" → 123450: an amount on the page in cents, whatever the locale. */
const centsOnPage = (text: string | null) => Number((text ?? '').replace(/[^\d-]/g, ''));
/** "1234.50" → 123450: a plain decimal from the file, read as text, never as a float. */
const centsInFile = (text: string | undefined) => {
	const [units = '0', fraction = ''] = (text ?? '').split('.');
	return Number(units) * 100 + Math.sign(Number(`${units}1`)) * Number(fraction.padEnd(2, '0'));
};

describe('exports', () => {
	it('orders as CSV, per item and per order, add up to the totals the pages show', async () => {
		const page = await browser.newPage();
		const ada = await createOrder(page, 'Ada, "the" Countess');
		await addItem(page, { name: 'Ceramic mug', price: '12.50', quantity: 3, sku: 'MUG-1' });
		await addItem(page, { name: 'Teapot', price: '1,234.50', quantity: 1 });
		const adaTotal = centsOnPage(await orderTotal(page).textContent());
		await page.getByRole('button', { name: 'Submit order' }).click();
		await page.locator('#order-state').waitFor();
		const bob = await createOrder(page, 'Bob');
		await addItem(page, { name: '@Home cushion', price: '0.99', quantity: 2 });
		const bobTotal = centsOnPage(await orderTotal(page).textContent());
		expect([adaTotal, bobTotal]).toEqual([37_50 + 1234_50, 1_98]);

		await page.goto('/orders');
		await page.getByRole('link', { name: 'Bob' }).waitFor();
		// Keyboard alone: the dialog opens with Enter, arrows choose, Enter downloads.
		await page.getByRole('button', { name: 'Export' }).focus();
		await page.keyboard.press('Enter');
		const dialog = page.getByRole('dialog', { name: 'Export orders' });
		await dialog.waitFor();
		await screenshot(page, 'export-dialog');
		const perItem = await downloaded(page, async () => {
			await dialog.getByRole('radio', { name: /One row per item/ }).focus();
			await page.keyboard.press('Enter');
		});
		expect(perItem.suggestedFilename()).toMatch(/^rewind-orders-\d{4}-\d{2}-\d{2}\.csv$/);
		const items = await csvOf(perItem);
		expect(items.map((row) => [row.order_id, row.item, row.quantity])).toEqual([
			[bob, "'@Home cushion", '2'],
			[ada, 'Ceramic mug', '3'],
			[ada, 'Teapot', '1']
		]);
		const sumOf = (id: string) =>
			items
				.filter((row) => row.order_id === id)
				.reduce((sum, row) => sum + centsInFile(row.line_total), 0);
		expect([sumOf(ada), sumOf(bob)]).toEqual([adaTotal, bobTotal]);
		expect(items[2]!.unit_price).toBe('1234.50');
		expect(items[1]!.customer).toBe('Ada, "the" Countess');
		await expect.poll(() => dialog.isVisible()).toBe(false);

		// Per order, only the drafts: the filter chosen on the list narrows the file.
		await page.getByRole('button', { name: /^Drafts/ }).click();
		await page.getByRole('button', { name: 'Export' }).click();
		await dialog.getByText('One row per order').click();
		await dialog.getByText('Only drafts').click();
		const perOrder = await csvOf(
			await downloaded(page, () => dialog.getByRole('button', { name: 'Download CSV' }).click())
		);
		expect(perOrder.map((row) => [row.order_id, row.status, centsInFile(row.total)])).toEqual([
			[bob, 'draft', bobTotal]
		]);
		// The list's total for Bob, the same number.
		const listed = page
			.getByRole('region', { name: 'Order list' })
			.locator('tbody tr', { hasText: 'Bob' });
		expect(centsOnPage(await listed.locator('.cell-amount').textContent())).toBe(bobTotal);
	});

	it("a statement for a period adds up to the account page's balance", async () => {
		const page = await browser.newPage();
		const id = await openAccount(page, 'Ada Lovelace');
		await moveMoney(page, 'Deposit', '100.00', '€100.00', 'Float, first day');
		await moveMoney(page, 'Deposit', '1,250.40', '€1,350.40');
		await moveMoney(page, 'Withdraw', '30.05', '€1,320.35');
		const shown = centsOnPage(await balance(page).textContent());

		const period = page.getByRole('region', { name: 'Statement for a period' });
		await eventually(() => period.getByTestId('period-closing').textContent(), '€1,320.35');
		const download = await downloaded(page, () =>
			period.getByRole('button', { name: 'Download CSV' }).click()
		);
		expect(download.suggestedFilename()).toMatch(
			/^rewind-statement-Ada-Lovelace-\d{4}-\d{2}-01-to-/
		);
		const rows = await csvOf(download);
		expect(rows.map((row) => row.type)).toEqual([
			'opening balance',
			'deposit',
			'deposit',
			'withdrawal',
			'closing balance'
		]);
		expect(rows[1]!.note).toBe('Float, first day');
		expect(rows.map((row) => row.amount)).toEqual(['', '100.00', '1250.40', '-30.05', '']);
		const moved = rows.reduce((sum, row) => sum + (row.amount ? centsInFile(row.amount) : 0), 0);
		expect(centsInFile(rows.at(-1)!.balance)).toBe(shown);
		expect(centsInFile(rows[0]!.balance) + moved).toBe(shown);
		for (const row of rows.slice(1, -1)) expect(row.date).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);

		// A period that ends before it begins is refused, and offers nothing to download.
		await period.getByLabel('To').fill('2020-01-01');
		await period
			.getByRole('alert')
			.filter({ hasText: 'Choose a day on or after the first day.' })
			.waitFor();
		expect(await period.getByRole('button', { name: 'Download CSV' }).isDisabled()).toBe(true);
		expect(await period.getByRole('link', { name: 'Print' }).count()).toBe(0);
		await page.goto(`/accounts/${id}`);
	});

	it('the activity log downloads as NDJSON, one event a line', async () => {
		const page = await browser.newPage();
		await createOrder(page, 'Grace');
		await addItem(page, { name: 'Notebook', price: '4.00' });
		await page.goto('/activity');
		const download = await downloaded(page, () =>
			page.getByRole('button', { name: 'Download all (NDJSON)' }).click()
		);
		expect(download.suggestedFilename()).toMatch(/^rewind-activity-.*\.ndjson$/);
		const lines = readFileSync(await download.path(), 'utf8').split('\n');
		expect(lines.pop()).toBe('');
		const events = lines.map(
			(line) => JSON.parse(line) as { type: string; sync: string; streamId: string }
		);
		// The order, its number issued on this device's series, its item.
		expect(events.map((event) => event.type)).toEqual([
			'OrderCreated',
			'NumberIssued',
			'ItemAdded'
		]);
		expect(events.every((event) => event.sync === 'pending')).toBe(true);
		await page.getByText('Exported 3 changes to an NDJSON file.').waitFor();
	});
});

describe('print', () => {
	it('prints an order and a statement with no network, without the app around them', async () => {
		const context = await browser.newContext({ serviceWorkers: 'allow' });
		const page = await context.newPage();
		await installOfflineCache(page);

		const orderId = await createOrder(page, 'Margaret Hamilton');
		await addItem(page, { name: 'Ceramic mug, large', price: '12.50', quantity: 3, sku: 'MUG-L' });
		await addItem(page, { name: 'Teapot', price: '34.00', quantity: 1 });
		await page.locator('#edit-address').click();
		const address = page.getByRole('region', { name: 'Delivery address' });
		await address.locator('input[name=line1]').fill('1 Apollo Way');
		await address.locator('input[name=postcode]').fill('02139');
		await address.locator('input[name=city]').fill('Cambridge');
		await address.locator('input[name=country]').fill('United States');
		await address.getByRole('button', { name: 'Save address' }).click();
		await address.locator('address').waitFor();
		await page.getByRole('button', { name: 'Submit order' }).click();
		await page.locator('#order-state').waitFor();
		const total = await orderTotal(page).textContent();
		const accountId = await openAccount(page, 'Margaret Hamilton');
		await moveMoney(page, 'Deposit', '500.00', '€500.00', 'Opening float');
		await moveMoney(page, 'Withdraw', '71.50', '€428.50');

		await context.setOffline(true);
		await page.goto(`/orders/${orderId}`);
		await page.getByRole('link', { name: 'Print or save as PDF' }).click();
		await page.waitForURL(`**/orders/${orderId}/print`);
		const order = page.getByRole('article', { name: 'Order' });
		await order.waitFor();
		expect(await order.getByTestId('print-total').textContent()).toBe(total);
		expect(await order.textContent()).toContain('1 Apollo Way');
		await screenshot(page, 'print-order-screen');

		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('header.app-chrome').isVisible()).toBe(false);
		expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(
			false
		);
		await screenshot(page, 'print-order');
		mkdirSync(SCREENSHOTS, { recursive: true });
		const orderPdf = await page.pdf({ path: join(SCREENSHOTS, 'print-order.pdf'), format: 'A4' });
		expect(orderPdf.subarray(0, 5).toString()).toBe('%PDF-');
		await page.emulateMedia({ media: 'screen' });

		await page.goto(`/accounts/${accountId}`);
		await page
			.getByRole('region', { name: 'Statement for a period' })
			.getByRole('link', { name: 'Print' })
			.click();
		await page.waitForURL(`**/accounts/${accountId}/statement?from=*`);
		const statement = page.getByRole('article', { name: 'Account statement' });
		await eventually(() => statement.getByTestId('statement-closing').textContent(), '€428.50');
		await page.emulateMedia({ media: 'print' });
		await screenshot(page, 'print-statement');
		await page.pdf({ path: join(SCREENSHOTS, 'print-statement.pdf'), format: 'A4' });
		await page.emulateMedia({ media: 'screen' });
		await page.setViewportSize(PHONE);
		await screenshot(page, 'print-statement-phone');
		await context.setOffline(false);
	});
});
