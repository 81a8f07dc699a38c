// A backup taken from one browser profile and restored into a fresh one shows the same orders,
// accounts and history; restoring it again adds nothing; a damaged file is refused and changes
// nothing. The restoring profile has never seen the data: only the file carries it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
	addItem,
	balance,
	createOrder,
	moveMoney,
	openAccount,
	orderTotal,
	backUp,
	PHONE,
	restore,
	screenshot,
	SCREENSHOTS,
	useBrowser
} from './harness';

const browser = useBrowser();

/** What a person sees of a record: its page's headline figures and its history's length. */
async function recordView(page: Page, path: string, figure: () => Promise<string | null>) {
	await page.goto(path);
	await page.locator('h1').waitFor();
	const history = page.getByRole('tab', { name: /History/ });
	await history.waitFor();
	return {
		title: await page.locator('h1').textContent(),
		figure: await figure(),
		history: await history.textContent()
	};
}

/**
 * A list page's text once it holds still (rows not yet saved when the last page closed are
 * folded again as it opens), without the relative times that move on between two readings.
 */
async function listText(page: Page, path: string): Promise<string> {
	await page.goto(path);
	// The list's own button shows once the page knows the person may write: the page is whole.
	await page.getByRole('button', { name: /^(New order|Open account)$/ }).waitFor();
	const read = async () =>
		(await page.locator('main').innerText()).replace(
			/(\d+ (second|minute|hour)s? ago|just now)/g,
			'…'
		);
	let last = '';
	for (let text = await read(); text !== last; text = await read()) {
		last = text;
		await page.waitForTimeout(500);
	}
	return last;
}

describe('backup and restore', () => {
	it('restores into a fresh profile what the first one shows; a second restore adds nothing', async () => {
		const first = await browser.newPage();
		const order = await createOrder(first, 'Ada Lovelace');
		await addItem(first, { name: 'Ceramic mug', price: '12.50', quantity: 3 });
		await addItem(first, { name: 'Teapot', price: '40.00' });
		await first.getByRole('button', { name: /^Undo/ }).first().click();
		await expect.poll(() => orderTotal(first).textContent()).toBe('€37.50');
		const account = await openAccount(first, 'Grace Hopper');
		await moveMoney(first, 'Deposit', '250.00', '€250.00');
		await moveMoney(first, 'Withdraw', '19.99', '€230.01');

		const views = async (page: Page) => ({
			order: await recordView(page, `/orders/${order}`, () => orderTotal(page).textContent()),
			account: await recordView(page, `/accounts/${account}`, () => balance(page).textContent()),
			orders: await listText(page, '/orders'),
			accounts: await listText(page, '/accounts')
		});
		const before = await views(first);
		const file = await backUp(first);
		const header = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as {
			counts: { events: number; pending: number };
		};
		// An order made (and its number issued), two items added, one undone; an account opened,
		// a deposit, a withdrawal.
		expect(header.counts.events).toBe(8);
		expect(header.counts.pending).toBe(header.counts.events);

		const fresh = await browser.newPage();
		expect(await restore(fresh, file)).toContain(`Restored ${header.counts.events} changes.`);
		await screenshot(fresh, 'backup-restored-laptop');
		expect(await views(fresh)).toEqual(before);
		await fresh.goto('/sync');
		await expect
			.poll(() => fresh.getByTestId('only-here').textContent())
			.toContain(`${header.counts.events} changes exist only on this device`);

		expect(await restore(fresh, file)).toContain(
			`Nothing to add: all ${header.counts.events} changes of this backup are on this device already.`
		);
		expect(await views(fresh)).toEqual(before);
	});

	it('refuses a damaged backup with a clear message, and changes nothing', async () => {
		const first = await browser.newPage();
		await createOrder(first, 'Ada Lovelace');
		await addItem(first, { name: 'Ceramic mug', price: '12.50', quantity: 3 });
		const file = await backUp(first);
		const damaged = join(SCREENSHOTS, 'backup-damaged.ndjson');
		writeFileSync(
			damaged,
			readFileSync(file, 'utf8').replace('12.50', '99.50').replace('1250', '9950')
		);

		const fresh = await browser.newPage({ viewport: PHONE });
		const said = await restore(fresh, damaged);
		expect(said).toMatch(/This backup is damaged.*Nothing was restored\./);
		await screenshot(fresh, 'backup-refused-phone');
		expect(await listText(fresh, '/orders')).not.toContain('Ada Lovelace');
	});
});
