import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { NAME_MAX, NOTE_MAX } from '../../src/lib/domain/fields';
import { MAX_CENTS } from '../../src/lib/domain/money';
import { QUANTITY_MAX } from '../../src/lib/domain/orders/events';
import {
	DESKTOP,
	PHONE,
	addItem,
	createOrder,
	eventually,
	moveMoney,
	openAccount,
	orderTotal,
	screenshot,
	useBrowser
} from './harness';

const browser = useBrowser();

interface Seeded {
	page: Page;
	orderId: string;
	accountId: string;
}

let seeded: Seeded;

/** A believable day's data, made through the UI: orders in every state, accounts with money. */
beforeAll(async () => {
	const context = await browser.newContext({ scope: 'file' });
	const page = await context.newPage();

	await createOrder(page, 'Greenhouse Market');
	await addItem(page, { name: 'Seed tray', price: '3.20', quantity: 20 });
	await page.getByRole('button', { name: 'Cancel order' }).click();
	await page.getByLabel(/Why is it cancelled/).fill('Customer postponed to spring');
	await page.getByRole('button', { name: 'Cancel the order' }).click();
	await page.locator('.subtitle .badge', { hasText: 'Cancelled' }).waitFor();

	await createOrder(page, 'Bakery Müller & Söhne');
	await addItem(page, { name: 'Espresso cup set', sku: 'ESP-6', price: '39.00', quantity: 3 });
	await page.getByRole('button', { name: 'Submit order' }).click();
	await page.locator('.subtitle .badge', { hasText: 'Submitted' }).waitFor();

	const orderId = await createOrder(page, 'Café Aurora');
	await addItem(page, { name: 'Ceramic mug', sku: 'MUG-01', price: '12.50', quantity: 12 });
	await addItem(page, { name: 'Teapot, cast iron, 1.2 litres', sku: 'TEA-12', price: '64.00' });
	await addItem(page, { name: 'Linen tea towel', price: '8.90', quantity: 4 });
	await page.getByRole('button', { name: 'One more Teapot, cast iron, 1.2 litres' }).click();
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	const address = page.getByRole('form', { name: 'Delivery address' });
	await address.locator('input[name=line1]').fill('Rue des Fleurs 12');
	await address.locator('input[name=postcode]').fill('1003');
	await address.locator('input[name=city]').fill('Lausanne');
	await address.locator('input[name=country]').fill('Switzerland');
	await address.getByRole('button', { name: 'Save address' }).click();
	await page.locator('address').waitFor();

	await openAccount(page, 'Bakery Müller & Söhne');
	await moveMoney(page, 'Deposit', '250.00', '€250.00', 'Advance for spring');
	await openAccount(page, 'Greenhouse Market');
	const accountId = await openAccount(page, 'Café Aurora');
	await moveMoney(page, 'Deposit', '500.00', '€500.00', 'Opening balance');
	await moveMoney(page, 'Withdraw', '120.50', '€379.50', 'Mugs and tea towels');
	await moveMoney(page, 'Deposit', '80.00', '€459.50');

	seeded = { page, orderId, accountId };
}, 120_000);

/** The main pages, each ready to be looked at. */
const pages: { name: string; open: (page: Page) => Promise<void> }[] = [
	{
		name: 'orders',
		open: async (page) => {
			await page.goto('/orders');
			await page.locator('tbody tr').nth(2).waitFor();
		}
	},
	{
		name: 'order',
		open: async (page) => {
			await page.goto(`/orders/${seeded.orderId}`);
			await page.locator('address').waitFor();
		}
	},
	{
		name: 'order-history',
		open: async (page) => {
			await page.goto(`/orders/${seeded.orderId}`);
			await page.getByRole('tab', { name: /History/ }).click();
			// One step back, so the preview shows an earlier version.
			await page.getByRole('slider', { name: 'Version' }).focus();
			await page.keyboard.press('ArrowLeft');
			await page.getByRole('button', { name: 'Restore to here' }).waitFor();
			await page.getByRole('slider', { name: 'Version' }).blur();
		}
	},
	{
		name: 'accounts',
		open: async (page) => {
			await page.goto('/accounts');
			await page.locator('tbody tr').nth(2).waitFor();
		}
	},
	{
		name: 'account',
		open: async (page) => {
			await page.goto(`/accounts/${seeded.accountId}`);
			await page.getByRole('region', { name: 'Statement' }).locator('tbody tr').nth(2).waitFor();
			await page
				.getByRole('region', { name: 'Balance over time' })
				.locator('svg')
				.first()
				.waitFor();
		}
	},
	{
		name: 'activity',
		open: async (page) => {
			await page.goto('/activity');
			await page.getByRole('region', { name: 'Changes' }).locator('li').nth(5).waitFor();
		}
	}
];

describe('the main pages', () => {
	it('are captured at desktop size', async () => {
		const { page } = seeded;
		await page.setViewportSize(DESKTOP);
		for (const { name, open } of pages) {
			await open(page);
			await screenshot(page, `${name}-desktop`);
		}
	});

	it('never scroll sideways on a phone-sized screen', async () => {
		const { page } = seeded;
		await page.setViewportSize(PHONE);
		const overflowing: string[] = [];
		for (const { name, open } of pages) {
			await open(page);
			await screenshot(page, `${name}-phone`);
			const { scrollWidth, clientWidth, culprits } = await page.evaluate(() => {
				const root = document.documentElement;
				const culprits = [...document.querySelectorAll('body *')]
					.filter((element) => element.getBoundingClientRect().right > root.clientWidth + 0.5)
					.slice(0, 5)
					.map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
				return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits };
			});
			if (scrollWidth > clientWidth) {
				overflowing.push(`${name}: ${scrollWidth} > ${clientWidth} (${culprits.join(', ')})`);
			}
		}
		expect(overflowing).toEqual([]);
	});

	it("keep the header's undo and redo within reach on a phone-sized screen", async () => {
		const { page } = seeded;
		await page.setViewportSize(PHONE);
		await page.goto('/orders');
		await page.locator('tbody tr').first().waitFor();
		// Each control must be what a tap at its centre lands on, not something drawn over it.
		const covered = await page.evaluate(() =>
			[...document.querySelectorAll('header .brand, header .tools button, nav a')].flatMap(
				(element) => {
					const box = element.getBoundingClientRect();
					const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
					if (hit && element.contains(hit)) return [];
					const name = element.getAttribute('aria-label') ?? element.textContent?.trim();
					return [
						`${name} is under ${hit?.closest('a, button, nav, header')?.outerHTML.slice(0, 60)}`
					];
				}
			)
		);
		expect(covered).toEqual([]);
		// The tab bar sits at the bottom of the screen.
		const nav = await page.getByRole('navigation', { name: 'Main' }).boundingBox();
		expect(nav && Math.round(nav.y + nav.height)).toBe(PHONE.height);
	});
});

/** The longest names and the largest amounts the rules allow. */
describe('every page with the longest names and the largest amounts', () => {
	const LAPTOP = { width: 1280, height: 800 } as const;
	const unbroken = `Pierogi${'x'.repeat(NAME_MAX - 'Pierogi'.length)}`;
	const spaced = 'Sernik whole cheesecake, large, '.repeat(7).slice(0, NAME_MAX).trim();
	let longest: { page: Page; orderId: string; accountId: string };

	beforeAll(async () => {
		const page = await (await browser.newContext({ scope: 'file' })).newPage();
		const orderId = await createOrder(page, unbroken);
		// The most of the most expensive thing, and the order as full as an order can be.
		const unitCents = MAX_CENTS / 2 / QUANTITY_MAX;
		await addItem(page, { name: unbroken, price: centsText(unitCents), quantity: QUANTITY_MAX });
		await addItem(page, {
			name: spaced,
			sku: 'S'.repeat(64),
			price: centsText(MAX_CENTS / 2 - 5400)
		});
		await addItem(page, { name: 'Pierogi box, frozen, 24 pcs', price: '27.00', quantity: 2 });
		await eventually(() => orderTotal(page).textContent(), money(MAX_CENTS));

		const accountId = await openAccount(page, unbroken);
		await moveMoney(page, 'Deposit', centsText(MAX_CENTS), money(MAX_CENTS), 'N'.repeat(NOTE_MAX));
		await moveMoney(page, 'Withdraw', centsText(MAX_CENTS - 1), money(1));
		longest = { page, orderId, accountId };
	}, 120_000);

	const pages: { name: string; path: () => string; ready: (page: Page) => Promise<unknown> }[] = [
		{
			name: 'orders',
			path: () => '/orders',
			ready: (page) => page.locator('tbody tr').first().waitFor()
		},
		{
			name: 'order',
			path: () => `/orders/${longest.orderId}`,
			ready: (page) =>
				page
					.getByRole('textbox', { name: /^Quantity of / })
					.nth(2)
					.waitFor()
		},
		{
			name: 'accounts',
			path: () => '/accounts',
			ready: (page) => page.locator('tbody tr').first().waitFor()
		},
		{
			name: 'account',
			path: () => `/accounts/${longest.accountId}`,
			ready: (page) =>
				page.getByRole('region', { name: 'Statement' }).locator('tbody tr').nth(1).waitFor()
		},
		{
			name: 'statement',
			path: () => `/accounts/${longest.accountId}/statement`,
			ready: (page) => page.getByTestId('statement-closing').waitFor()
		},
		{
			name: 'order-print',
			path: () => `/orders/${longest.orderId}/print`,
			ready: (page) => page.locator('table.lines tbody tr').nth(2).waitFor()
		},
		{
			name: 'activity',
			path: () => '/activity',
			ready: (page) => page.getByRole('region', { name: 'Changes' }).locator('li').nth(5).waitFor()
		},
		{
			name: 'sync',
			path: () => '/sync',
			ready: (page) => page.locator('h1', { hasText: 'Sync' }).waitFor()
		}
	];

	for (const viewport of [{ width: 360, height: 740 }, PHONE, LAPTOP]) {
		it(`fit a ${viewport.width}px screen: nothing scrolls sideways, every control is in reach`, async () => {
			const { page } = longest;
			await page.setViewportSize(viewport);
			const problems: string[] = [];
			for (const { name, path, ready } of pages) {
				await page.goto(path());
				await ready(page);
				await screenshot(page, `longest-${name}-${viewport.width}`);
				const { scrollWidth, innerWidth } = await page.evaluate(() => ({
					scrollWidth: document.documentElement.scrollWidth,
					innerWidth: window.innerWidth
				}));
				if (scrollWidth > innerWidth) problems.push(`${name}: ${scrollWidth} > ${innerWidth}`);
			}

			// On the order page every line's Remove, "one more" and "one less" is on screen, and
			// is what a tap on it lands on.
			await page.goto(`/orders/${longest.orderId}`);
			await pages[1]!.ready(page);
			const controls = page.getByRole('button', { name: /^(Remove|One more|One less) / });
			expect(await controls.count()).toBe(9);
			for (const control of await controls.all()) {
				await control.scrollIntoViewIfNeeded();
				const box = await control.boundingBox();
				const label = (await control.getAttribute('aria-label'))?.slice(0, 40);
				if (!box || box.x < 0 || box.x + box.width > viewport.width) {
					problems.push(`${label}: ${JSON.stringify(box)}`);
					continue;
				}
				const hit = await control.evaluate((element) => {
					const { left, top, width, height } = element.getBoundingClientRect();
					const under = document.elementFromPoint(left + width / 2, top + height / 2);
					return Boolean(under && element.contains(under));
				});
				if (!hit) problems.push(`${label}: covered`);
			}
			// The items card never reaches under the summary card beside it.
			const items = await page.getByRole('region', { name: 'Items' }).boundingBox();
			const table = await page
				.getByRole('region', { name: 'Items' })
				.locator('table')
				.boundingBox();
			if (items && table && table.x + table.width > items.x + items.width + 0.5) {
				problems.push(
					`items table ${table.x + table.width} past its card ${items.x + items.width}`
				);
			}

			// The statement's dates stay inside their card and clear of each other, down to 360px.
			await page.setViewportSize({ width: Math.min(viewport.width, 360), height: viewport.height });
			await page.goto(`/accounts/${longest.accountId}`);
			await pages.find(({ name }) => name === 'account')!.ready(page);
			const period = page.getByRole('region', { name: 'Statement for a period' });
			const card = (await period.boundingBox())!;
			const dates = await Promise.all(
				(await period.locator('input[type="date"]').all()).map(
					async (input) => (await input.boundingBox())!
				)
			);
			for (const box of dates) {
				if (box.x < card.x || box.x + box.width > card.x + card.width + 0.5) {
					problems.push(`a period date ${JSON.stringify(box)} outside its card`);
				}
			}
			const [from, to] = dates as [(typeof dates)[number], (typeof dates)[number]];
			const apart = from.x + from.width <= to.x || from.y + from.height <= to.y;
			if (!apart) problems.push(`the period dates overlap: ${JSON.stringify(dates)}`);
			expect(problems).toEqual([]);
		});
	}
});

/** Cents as a person types them in a EUR form: 123456 → "1234.56". */
function centsText(cents: number): string {
	return (cents / 100).toFixed(2);
}

/** Cents as the pages show them in EUR (the browser's locale is en-GB). */
function money(cents: number): string {
	return new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}
