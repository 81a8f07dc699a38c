// The inspector (Sync → Advanced) on a seeded log: thousands of orders pulled from the server
// and one the server never got. Verify finds the order list equal to a full rebuild; a row altered
// behind the app's back is named as the one record that differs; a rebuild, with its progress,
// mends it, and verify agrees again. Screenshots at laptop and phone sizes.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
	addItem,
	createOrder,
	DESKTOP,
	eventually,
	PHONE,
	screenshot,
	useBrowser
} from './harness';
import { seedWorkspace, signIn } from './seed-workspace';

const browser = useBrowser();
// More than a page of the read model's fold (5,000 events), so a rebuild shows its progress.
const ORDERS = 6_000;

/** Changes an order's stored row in the order list's read model, as a bug in a fold might. */
async function alterStoredRow(page: Page, orderId: string, customerName: string): Promise<void> {
	await page.evaluate(
		async ({ key, customerName }) => {
			const names = (await indexedDB.databases()).map(({ name }) => name!);
			for (const name of names) {
				const db = await new Promise<IDBDatabase>((resolve, reject) => {
					const open = indexedDB.open(name);
					open.onsuccess = () => resolve(open.result);
					open.onerror = () => reject(new Error(String(open.error)));
				});
				if (!db.objectStoreNames.contains('readModelRows')) {
					db.close();
					continue;
				}
				await new Promise<void>((resolve, reject) => {
					const tx = db.transaction('readModelRows', 'readwrite');
					const rows = tx.objectStore('readModelRows');
					const read = rows.get(['order-list', key]);
					read.onsuccess = () => {
						const record = read.result as { row: { order: object } } | undefined;
						if (!record) return;
						rows.put({
							...record,
							row: { ...record.row, order: { ...record.row.order, customerName } }
						});
					};
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(new Error(String(tx.error)));
				});
				db.close();
			}
		},
		{ key: `order-${orderId}`, customerName }
	);
}

function modelRow(page: Page, name: string) {
	return page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
}

async function verify(page: Page, name: string): Promise<string> {
	const row = modelRow(page, name);
	await row.getByRole('button', { name: 'Verify' }).click();
	const result = row.getByTestId('verification');
	await result.waitFor();
	await expect.poll(() => row.getByRole('button', { name: 'Verify' }).isEnabled()).toBe(true);
	return (await result.locator('p').first().innerText()).trim();
}

describe('the inspector', () => {
	it('verifies and rebuilds the read models of a seeded log, and shows its streams and outbox', async () => {
		const seeded = await seedWorkspace(ORDERS);
		const context = await browser.newContext({ viewport: DESKTOP });
		const page = await context.newPage();
		await signIn(page, seeded);
		await eventually(
			() => page.getByTestId('sync-status').locator('.label').innerText(),
			'Synced',
			60_000
		);
		// One order the server never gets (its pushes fail): it waits in the outbox.
		await context.route('**/api/sync/push', (route) => route.abort());
		const offline = await createOrder(page, 'Offline Olga');
		await addItem(page, { name: 'Thermos', price: '24.00', quantity: 2 });

		await page.goto('/sync');
		await page.getByRole('region', { name: 'Advanced' }).waitFor();
		await screenshot(page, 'sync-advanced-link');
		await page
			.getByRole('region', { name: 'Advanced' })
			.getByRole('link', { name: 'inspector' })
			.click();
		await page.waitForURL('**/sync/advanced');
		await page.getByRole('heading', { name: 'Inspector', level: 1 }).waitFor();
		const figures = page.getByRole('region', { name: 'The log in numbers' });
		// The seeded log, this device's series named as it joined, and the offline order: created,
		// its number issued, an item.
		const changes = ORDERS + 4;
		await eventually(
			() => figures.locator('.figure').first().locator('.value').innerText(),
			changes.toLocaleString('en-GB')
		);

		expect(await verify(page, 'order-list')).toBe('Equal to a full rebuild');
		expect(await modelRow(page, 'order-list').getByTestId('verification').innerText()).toContain(
			`${(ORDERS + 1).toLocaleString('en-GB')} records folded afresh from ${changes.toLocaleString('en-GB')} changes`
		);
		expect(await verify(page, 'account-list')).toBe('Equal to a full rebuild');

		// The outbox holds the offline order's three changes, each with its command.
		const outbox = page.getByRole('list', { name: 'Outbox' });
		await eventually(() => outbox.getByRole('listitem').count(), 3);
		expect(await outbox.innerText()).toContain('CreateOrder');
		expect(await outbox.innerText()).toContain('IssueNumber');
		expect(await outbox.innerText()).toContain('AddItem');

		// A stream found by its id's start, and its raw events.
		await page.getByPlaceholder('Stream id starts with…').fill(`order-${offline.slice(0, 8)}`);
		const streams = page.getByRole('list', { name: 'Streams' });
		await eventually(() => streams.getByRole('listitem').count(), 1);
		await streams.getByRole('button', { name: new RegExp(offline) }).click();
		const events = page.getByRole('list', { name: `Events of order-${offline}` });
		await eventually(() => events.getByRole('listitem').count(), 2);
		expect(await events.getByRole('listitem').first().innerText()).toMatch(
			/OrderCreated[\s\S]*On this device/
		);
		await events.getByRole('listitem').first().locator('summary').click();
		await events.getByText('Offline Olga').first().waitFor();

		// A repro bundle of the record shown, names left out: a slice a test can load.
		await page.getByRole('button', { name: 'Download a repro bundle…' }).click();
		const dialog = page.getByRole('dialog', { name: 'Download a repro bundle' });
		expect(await dialog.getByRole('radio', { name: /The record shown/ }).isChecked()).toBe(true);
		expect(await dialog.getByRole('checkbox', { name: /Leave out names/ }).isChecked()).toBe(true);
		await screenshot(page, 'inspector-repro-dialog');
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			dialog.getByRole('button', { name: 'Download' }).click()
		]);
		const bundle = readFileSync(await download.path(), 'utf8');
		const header = JSON.parse(bundle.split('\n', 1)[0]!) as Record<string, unknown>;
		expect(header).toMatchObject({
			format: 'rewind-backup',
			slice: { streams: 1, redacted: true },
			counts: { events: 2, pending: 2, commands: 2 }
		});
		expect(bundle).not.toContain('Offline Olga');
		expect(bundle).not.toContain('Thermos');
		expect(bundle).toContain('"customerName":"Customer 1"');
		await dialog.waitFor({ state: 'hidden' });

		// A row altered behind the app's back: verify names that record, and only it.
		await alterStoredRow(page, offline, 'Somebody Else');
		expect(await verify(page, 'order-list')).toBe('1 record differs from a full rebuild');
		const difference = modelRow(page, 'order-list').getByRole('listitem');
		expect(await difference.locator('summary').first().innerText()).toMatch(
			new RegExp(`order-${offline}\\s+stored row differs`)
		);
		await difference.locator('summary').first().click();
		// The field that differs, with each side's value.
		expect(await difference.getByRole('row').nth(1).innerText()).toBe(
			'row.order.customerName\t"Somebody Else"\t"Offline Olga"'
		);
		await screenshot(page, 'inspector-difference');
		await page.setViewportSize(PHONE);
		await screenshot(page, 'inspector-difference-phone');
		await page.setViewportSize(DESKTOP);

		// Rebuild drops the rows and folds the log again, saying how far it is.
		const row = modelRow(page, 'order-list');
		const progress = row.getByRole('progressbar', { name: 'Updating the order-list rows' });
		const shown = progress.waitFor({ timeout: 30_000 });
		await row.getByRole('button', { name: 'Rebuild' }).click();
		await shown;
		await expect
			.poll(() => row.getByRole('button', { name: 'Rebuild' }).isEnabled(), { timeout: 60_000 })
			.toBe(true);
		expect(await verify(page, 'order-list')).toBe('Equal to a full rebuild');
		await eventually(() => row.getByTestId('folded').innerText(), 'Up to date');
		await screenshot(page, 'inspector');
		await page.setViewportSize(PHONE);
		await screenshot(page, 'inspector-phone');

		// The mended row is what the order list shows.
		await page.goto(`/orders/${offline}`);
		await eventually(() => page.locator('h1').textContent(), 'Offline Olga');
	});
});
