import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	PHONE,
	addItem,
	createOrder,
	moveMoney,
	openAccount,
	screenshot,
	useBrowser
} from './harness';

const browser = useBrowser();
// Evaluated through the driver, not added as a <script>: the app's CSP rightly refuses inline scripts.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const LAPTOP = { width: 1280, height: 800 } as const;

interface Seeded {
	page: Page;
	orderId: string;
	accountId: string;
}

let seeded: Seeded;

beforeAll(async () => {
	const context = await browser.newContext({ scope: 'file' });
	const page = await context.newPage();
	const orderId = await createOrder(page, 'Café Aurora');
	await addItem(page, { name: 'Ceramic mug', sku: 'MUG-01', price: '12.50', quantity: 12 });
	await addItem(page, { name: 'Linen tea towel', price: '8.90', quantity: 4 });
	await addItem(page, { name: 'Teapot', price: '64.00' });
	await page.getByRole('button', { name: 'Remove Teapot', exact: true }).click();
	await page.getByRole('button', { name: 'Undo: Remove Teapot' }).click();
	await page.getByRole('button', { name: 'Remove Teapot', exact: true }).click();
	const accountId = await openAccount(page, 'Café Aurora');
	await moveMoney(page, 'Deposit', '500.00', '€500.00', 'Opening balance');
	await moveMoney(page, 'Withdraw', '120.50', '€379.50');
	seeded = { page, orderId, accountId };
}, 120_000);

/** Every page a person can reach, each opened and ready to be checked. */
const pages: { name: string; open: (page: Page) => Promise<void> }[] = [
	{
		name: 'orders',
		open: async (page) => {
			await page.goto('/orders');
			await page.locator('tbody tr').first().waitFor();
		}
	},
	{
		name: 'new order form',
		open: async (page) => {
			await page.goto('/orders');
			await page.getByRole('button', { name: 'New order' }).click();
			await page.getByRole('heading', { name: 'New order' }).waitFor();
		}
	},
	{
		name: 'order',
		open: async (page) => {
			await page.goto(`/orders/${seeded.orderId}`);
			await page.getByRole('region', { name: 'Items' }).locator('tbody tr').nth(1).waitFor();
		}
	},
	{
		name: 'order history',
		open: async (page) => {
			await page.goto(`/orders/${seeded.orderId}`);
			await page.getByRole('tab', { name: /History/ }).click();
			await page.getByRole('slider', { name: 'Version' }).waitFor();
		}
	},
	{
		name: 'accounts',
		open: async (page) => {
			await page.goto('/accounts');
			await page.locator('tbody tr').first().waitFor();
		}
	},
	{
		name: 'account',
		open: async (page) => {
			await page.goto(`/accounts/${seeded.accountId}`);
			await page.getByRole('region', { name: 'Statement' }).locator('tbody tr').nth(1).waitFor();
		}
	},
	{
		name: 'activity',
		open: async (page) => {
			await page.goto('/activity');
			await page.getByRole('region', { name: 'Changes' }).locator('li').nth(3).waitFor();
		}
	},
	{
		name: 'sync',
		open: async (page) => {
			await page.goto('/sync');
			await page.getByRole('tab', { name: 'Sign in' }).waitFor();
		}
	},
	{
		name: 'not found',
		open: async (page) => {
			await page.goto('/no-such-page');
			await page.getByRole('heading', { level: 1 }).waitFor();
		}
	}
];

interface Violation {
	id: string;
	impact: string;
	help: string;
	nodes: { target: string[]; failureSummary: string }[];
}

/** axe-core's serious and critical findings on the page as it is now, in words. */
async function seriousViolations(page: Page): Promise<string[]> {
	await page.evaluate(AXE);
	const violations = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe;
		return (await axe.run()).violations;
	});
	return violations
		.filter(({ impact }) => impact === 'serious' || impact === 'critical')
		.flatMap(({ id, impact, help, nodes }) =>
			nodes.map(
				({ target, failureSummary }) =>
					`${impact} ${id} (${help}) at ${target.join(' ')}: ${failureSummary.replace(/\s+/g, ' ')}`
			)
		);
}

describe('every page', () => {
	for (const [size, viewport] of [
		['phone', PHONE],
		['laptop', LAPTOP]
	] as const) {
		it(`has no serious or critical axe violations on a ${size}`, async () => {
			const { page } = seeded;
			await page.setViewportSize(viewport);
			const found: string[] = [];
			for (const { name, open } of pages) {
				await open(page);
				await screenshot(page, `access-${name.replaceAll(' ', '-')}-${size}`);
				found.push(...(await seriousViolations(page)).map((line) => `${name}: ${line}`));
			}
			expect(found).toEqual([]);
		});
	}
});

/** What has focus, as a person would name it: tag, id, name and text. */
function focused(page: Page) {
	return page.evaluate(() => {
		const element = document.activeElement as HTMLElement | null;
		return {
			tag: element?.tagName.toLowerCase(),
			id: element?.id ?? '',
			name: element?.getAttribute('name') ?? '',
			text: element?.textContent?.trim() ?? ''
		};
	});
}

describe('focus', () => {
	it('lands on the new order’s first field after creating it, and on its state after submitting', async () => {
		const page = await browser.newPage();
		await createOrder(page, 'Greenhouse Market');
		await expect.poll(() => focused(page)).toMatchObject({ tag: 'input', name: 'name' });

		await addItem(page, { name: 'Seed tray', price: '3.20', quantity: 2 });
		await page.getByRole('button', { name: 'Submit order' }).click();
		await expect.poll(async () => (await focused(page)).id).toBe('order-state');
		expect((await focused(page)).text).toMatch(/^Submitted/);
	});

	it('moves to the heading of the page a link leads to', async () => {
		const page = await browser.newPage();
		await page.goto('/orders');
		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Accounts' })
			.click();
		await expect
			.poll(() => focused(page))
			.toEqual({ tag: 'h1', id: '', name: '', text: 'Accounts' });
	});

	it('starts at a skip link that goes to the page’s content', async () => {
		const page = await browser.newPage();
		await page.goto('/orders');
		await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
		// The page's own controls show once it knows the person may write.
		await page.getByRole('button', { name: 'New order' }).waitFor();
		await page.keyboard.press('Tab');
		expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Skip to content' });
		expect(await page.getByRole('link', { name: 'Skip to content' }).isVisible()).toBe(true);
		await page.keyboard.press('Enter');
		expect(await focused(page)).toMatchObject({ tag: 'h1', text: 'Orders' });
		// The next Tab goes on into the page, not back to the header.
		await page.keyboard.press('Tab');
		expect(
			await page.evaluate(() => document.querySelector('main')?.contains(document.activeElement))
		).toBe(true);
	});
});

describe('the keyboard', () => {
	it('closes the new order form with Escape and returns to the button that opened it', async () => {
		const page = await browser.newPage();
		await page.goto('/orders');
		await page.getByRole('button', { name: 'New order' }).click();
		const heading = page.getByRole('heading', { name: 'New order' });
		await heading.waitFor();
		await page.getByLabel('Customer').fill('Never mind');
		// The first Escape closes the customer suggestions (a combobox's list), the next the form.
		await page.keyboard.press('Escape');
		expect(await heading.isVisible()).toBe(true);
		await page.keyboard.press('Escape');
		await heading.waitFor({ state: 'detached' });
		await expect.poll(() => focused(page)).toMatchObject({ tag: 'button', text: 'New order' });
	});

	it('takes focus into a confirmation or form a button opens, and Escape gives it back', async () => {
		const page = await browser.newPage();
		await createOrder(page, 'Café Aurora');
		await page.locator('#cancel-order').focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => focused(page)).toMatchObject({ tag: 'input', name: 'reason' });
		await page.keyboard.press('Escape');
		await page.getByRole('form', { name: 'Cancel the order' }).waitFor({ state: 'detached' });
		await expect.poll(() => focused(page)).toMatchObject({ id: 'cancel-order' });

		await page.locator('#edit-address').focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => focused(page)).toMatchObject({ tag: 'input', name: 'line1' });
		await page.keyboard.press('Escape');
		await expect.poll(() => focused(page)).toMatchObject({ id: 'edit-address' });

		await openAccount(page, 'Lee Chen');
		await page.locator('#close-account').focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => focused(page)).toMatchObject({ id: 'close-question' });
		await page.keyboard.press('Tab');
		expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Close account' });
		await page.keyboard.press('Escape');
		await expect.poll(() => focused(page)).toMatchObject({ id: 'close-account' });
	});

	it('after removing a line with Enter, goes on to the line that took its place, then the one before, then the form', async () => {
		const page = await browser.newPage();
		await createOrder(page, 'Café Aurora');
		for (const name of ['One', 'Two', 'Three']) await addItem(page, { name, price: '1.00' });
		const label = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));

		await page.getByRole('button', { name: 'Remove Two', exact: true }).focus();
		await page.keyboard.press('Enter');
		await expect.poll(label).toBe('Remove Three');
		await page.keyboard.press('Enter');
		await expect.poll(label).toBe('Remove One');
		await page.keyboard.press('Enter');
		await expect.poll(() => focused(page)).toMatchObject({ tag: 'input', name: 'name' });
		expect(await page.getByText('No items yet.').isVisible()).toBe(true);
	});

	it('moves between an order’s tabs with the arrow keys, Home and End', async () => {
		const page = await browser.newPage();
		await createOrder(page, 'Café Aurora');
		const tabs = page.getByRole('tablist', { name: 'Order views' });
		const orderTab = tabs.getByRole('tab', { name: 'Order' });
		const historyTab = tabs.getByRole('tab', { name: /History/ });
		await orderTab.focus();
		await page.keyboard.press('ArrowRight');
		expect(await historyTab.getAttribute('aria-selected')).toBe('true');
		expect(await focused(page)).toMatchObject({ id: 'history-tab' });
		await page.getByRole('tabpanel', { name: /History/ }).waitFor();

		await page.keyboard.press('ArrowRight');
		expect(await orderTab.getAttribute('aria-selected')).toBe('true');
		await page.getByRole('tabpanel', { name: 'Order' }).waitFor();
		await page.keyboard.press('End');
		expect(await focused(page)).toMatchObject({ id: 'history-tab' });
		await page.keyboard.press('Home');
		expect(await focused(page)).toMatchObject({ id: 'record-tab' });
		// Only the selected tab is in the Tab order.
		expect(await historyTab.getAttribute('tabindex')).toBe('-1');
	});
});

describe('lists', () => {
	it('keep their search and filter when going back', async () => {
		const page = await browser.newPage();
		await createOrder(page, 'Café Aurora');
		await createOrder(page, 'Greenhouse Market');
		await page.goto('/orders');
		await page.getByRole('button', { name: /Drafts/ }).click();
		await page.getByRole('searchbox', { name: 'Search orders' }).fill('Aurora');
		await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
		await page.waitForURL(/q=Aurora/);

		await page.getByRole('link', { name: 'Café Aurora' }).click();
		await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
		await page.goBack();
		await page.waitForURL(/\/orders\?/);
		expect(await page.getByRole('searchbox', { name: 'Search orders' }).inputValue()).toBe(
			'Aurora'
		);
		expect(await page.getByRole('button', { name: /Drafts/ }).getAttribute('aria-pressed')).toBe(
			'true'
		);
		await expect
			.poll(() => page.locator('tbody tr').allTextContents())
			.toEqual([expect.stringContaining('Café Aurora')]);
	});
});

describe('words', () => {
	it('name what an undo undid, and a removed item by its name', async () => {
		const page = await browser.newPage();
		await createOrder(page, 'Café Aurora');
		await addItem(page, { name: 'Tea', price: '3.00', quantity: 2 });
		await addItem(page, { name: 'Cake', price: '4.00' });
		await page.getByRole('button', { name: 'Undo: Add 1 × Cake' }).click();
		await expect.poll(() => page.locator('tbody .name').allTextContents()).toEqual(['Tea']);
		await page.getByRole('button', { name: 'Remove Tea' }).click();
		await expect.poll(() => page.locator('tbody .name').count()).toBe(0);

		await page.getByRole('tab', { name: /History/ }).click();
		const history = page.getByRole('tabpanel', { name: /History/ }).locator('.line');
		await expect
			.poll(() => history.allTextContents())
			.toEqual([
				'Removed Tea',
				'Undid: Add 1 × Cake',
				'Added 1 × Cake at €4.00',
				'Added 2 × Tea at €3.00',
				'Created the order for Café Aurora'
			]);

		await page.goto('/activity');
		await page.getByRole('region', { name: 'Changes' }).locator('li').nth(4).waitFor();
		const kinds = await page.getByLabel('Kind of change').locator('option').allTextContents();
		expect(kinds).toContain('Quantity changed');
		expect(kinds).toContain('Undo / redo');
		expect(kinds.filter((label) => /[a-z][A-Z]|\$/.test(label))).toEqual([]);
		await page.getByLabel('Kind of change').selectOption({ label: 'Item removed' });
		await page.waitForURL(/kind=item-removed/);
		await expect
			.poll(() =>
				page.getByRole('region', { name: 'Changes' }).locator('li .body div').allTextContents()
			)
			.toEqual(['Removed Tea']);
	});
});
