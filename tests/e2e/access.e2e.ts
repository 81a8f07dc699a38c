import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PHONE, addItem, createOrder, moveMoney, openAccount, useBrowser } from './harness';

const browser = useBrowser();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
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
	await page.addScriptTag({ path: AXE });
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
				found.push(...(await seriousViolations(page)).map((line) => `${name}: ${line}`));
			}
			expect(found).toEqual([]);
		});
	}
});
