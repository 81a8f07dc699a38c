import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Locator,
	type Page
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject, vi } from 'vitest';
import { CHROMIUM_FLAGS, requireChromium } from './chromium.js';

export const DESKTOP = { width: 1280, height: 860 } as const;
export const PHONE = { width: 390, height: 844 } as const;
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots', import.meta.url));

export interface ContextOptions {
	viewport?: { width: number; height: number };
	/** Service workers are blocked unless a test is about them: installing one costs time. */
	serviceWorkers?: 'allow' | 'block';
	/** A context for the whole file (made in `beforeAll`) is closed after its last test. */
	scope?: 'test' | 'file';
	/** The browser's language (`navigator.language`); en-GB unless a test is about locales. */
	locale?: string;
}

/**
 * One Chromium per test file, a fresh browser context (its own IndexedDB) per test. Any
 * uncaught error or `console.error` in a page fails the test it happened in.
 */
export function useBrowser() {
	let browser: Browser | undefined;
	const contexts: BrowserContext[] = [];
	const fileContexts: BrowserContext[] = [];
	const problems: string[] = [];

	beforeAll(async () => {
		browser = await chromium.launch({
			executablePath: requireChromium(),
			headless: true,
			args: CHROMIUM_FLAGS
		});
	});

	afterEach(async () => {
		await Promise.all(contexts.splice(0).map((context) => context.close()));
		expect(problems.splice(0), 'errors reported in the page').toEqual([]);
	});

	afterAll(async () => {
		await Promise.all(fileContexts.splice(0).map((context) => context.close()));
		await browser?.close();
	});

	function watch(page: Page): void {
		page.on('pageerror', (error) => problems.push(`${page.url()}: uncaught ${error.message}`));
		page.on('console', (message) => {
			// Resource load failures are expected offline; they are the network's, not the app's.
			if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
				problems.push(`${page.url()}: console.error ${message.text()}`);
			}
		});
	}

	async function newContext(options: ContextOptions = {}): Promise<BrowserContext> {
		if (!browser) throw new Error('useBrowser() hooks have not run');
		const contextOptions: BrowserContextOptions = {
			baseURL: inject('baseURL'),
			viewport: options.viewport ?? DESKTOP,
			locale: options.locale ?? 'en-GB',
			timezoneId: 'UTC',
			reducedMotion: 'reduce',
			serviceWorkers: options.serviceWorkers ?? 'block'
		};
		const context = await browser.newContext(contextOptions);
		context.setDefaultTimeout(10_000);
		context.on('page', watch);
		(options.scope === 'file' ? fileContexts : contexts).push(context);
		return context;
	}

	return {
		newContext,
		/** A page in a fresh context of its own. */
		async newPage(options: ContextOptions = {}): Promise<Page> {
			return (await newContext(options)).newPage();
		}
	};
}

/**
 * Waits until `read()` equals `expected` (deeply). Unlike `expect.poll` it works in hooks too,
 * so the helpers below can seed data in `beforeAll`.
 */
export async function eventually<T>(
	read: () => Promise<T>,
	expected: T,
	timeout = 10_000
): Promise<void> {
	await vi.waitFor(async () => expect(await read()).toEqual(expected), { timeout, interval: 50 });
}

/**
 * Opens `path` and waits until the service worker controls the page: from then on the app
 * starts with no network. The context must allow service workers.
 */
export async function installOfflineCache(page: Page, path = '/orders'): Promise<void> {
	await page.goto(path);
	// The first visit installs the service worker; after a reload it controls the page.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload();
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Opens /orders and creates an order through the "New order" form; resolves with its id. */
export async function createOrder(page: Page, customer: string, currency = 'EUR'): Promise<string> {
	if (!/\/orders$/.test(new URL(page.url(), 'http://x').pathname)) await page.goto('/orders');
	await page.getByRole('button', { name: 'New order' }).click();
	const form = page.locator('form', { has: page.getByRole('heading', { name: 'New order' }) });
	await form.getByLabel('Customer').fill(customer);
	await form.getByLabel('Currency').selectOption(currency);
	await form.getByRole('button', { name: 'Create order' }).click();
	await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
	await eventually(() => page.locator('h1').textContent(), customer);
	return new URL(page.url()).pathname.split('/').at(-1)!;
}

export interface Item {
	name: string;
	price: string;
	/** As typed into the box: a number, or text such as "1.000" in de-DE. */
	quantity?: number | string;
	sku?: string;
}

/** Adds an item through the order page's "Add an item" form and waits for its row. */
export async function addItem(page: Page, item: Item): Promise<void> {
	const form = page.getByRole('form', { name: 'Add an item' });
	await form.locator('input[name=name]').fill(item.name);
	if (item.sku) await form.locator('input[name=sku]').fill(item.sku);
	await form.locator('input[name=price]').fill(item.price);
	await form.locator('input[name=quantity]').fill(String(item.quantity ?? 1));
	await form.getByRole('button', { name: 'Add item' }).click();
	await itemRow(page, item.name).waitFor();
	// The form empties itself once the item is stored.
	await eventually(() => form.locator('input[name=name]').inputValue(), '');
}

/** The items card of the order page. */
export function itemsCard(page: Page): Locator {
	return page.getByRole('region', { name: 'Items' });
}

/** The row of an item in the order page's items table. */
export function itemRow(page: Page, name: string): Locator {
	return itemsCard(page)
		.locator('tbody tr')
		.filter({ has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) });
}

/** The item names in the order page's table, in order. */
export async function itemNames(page: Page): Promise<string[]> {
	return itemsCard(page).locator('tbody .name').allTextContents();
}

/** The big total in the order page's summary card. */
export function orderTotal(page: Page): Locator {
	return page.getByRole('region', { name: 'Summary' }).locator('.total');
}

/** Opens /accounts and opens an account through its form; resolves with its id. */
export async function openAccount(page: Page, holder: string, currency = 'EUR'): Promise<string> {
	await page.goto('/accounts');
	await page.getByRole('button', { name: 'Open account' }).click();
	const form = page.locator('form', {
		has: page.getByRole('heading', { name: 'Open an account' })
	});
	await form.getByLabel('Customer').fill(holder);
	await form.getByLabel('Currency').selectOption(currency);
	await form.getByRole('button', { name: 'Open account' }).click();
	await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
	await eventually(() => page.locator('h1').textContent(), holder);
	return new URL(page.url()).pathname.split('/').at(-1)!;
}

/** The balance shown on an account page. */
export function balance(page: Page): Locator {
	return page.getByRole('region', { name: 'Balance', exact: true }).locator('.amount');
}

/** Deposits or withdraws through the account page's form and waits for the new balance. */
export async function moveMoney(
	page: Page,
	type: 'Deposit' | 'Withdraw',
	amount: string,
	expectedBalance: string,
	note = ''
): Promise<void> {
	const form = page.getByRole('form', { name: 'Deposit or withdraw' });
	await form.getByRole('radiogroup', { name: 'Kind of movement' }).getByText(type).click();
	await form.locator('input[name=amount]').fill(amount);
	if (note) await form.locator('input[name=note]').fill(note);
	await form.getByRole('button', { name: type, exact: true }).click();
	await eventually(() => balance(page).textContent(), expectedBalance);
}

/** The toast region's messages. */
export function toasts(page: Page): Locator {
	return page.getByRole('status').locator('.toast p');
}

/** Moves focus out of any text field, the way a click on the page's heading does. */
export async function focusPage(page: Page): Promise<void> {
	await page.locator('h1').click();
	await eventually(
		() => page.evaluate(() => document.activeElement?.matches('input, select, textarea')),
		false
	);
}

/** Saves a full-page screenshot as `tests/e2e/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<string> {
	mkdirSync(SCREENSHOTS, { recursive: true });
	const path = join(SCREENSHOTS, `${name}.png`);
	// Fonts and the icons are in; no toast or transition is half-way.
	await page.evaluate(() => document.fonts.ready);
	await page.screenshot({ path, fullPage: true, animations: 'disabled' });
	return path;
}

/** Backs the profile up from the Sync page; returns the file's path. */
export async function backUp(page: Page): Promise<string> {
	await page.goto('/sync');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Back up this device' }).click()
	]);
	const path = join(SCREENSHOTS, 'backup-under-test.ndjson');
	await download.saveAs(path);
	await expect.poll(() => page.getByTestId('backup-result').textContent()).toMatch(/Backup saved/);
	return path;
}

/** Restores `file` on the Sync page; returns what the page says of it. */
export async function restore(page: Page, file: string): Promise<string> {
	await page.goto('/sync');
	const [chooser] = await Promise.all([
		page.waitForEvent('filechooser'),
		page.getByRole('button', { name: 'Restore from a backup…' }).click()
	]);
	await chooser.setFiles(file);
	const result = page.getByTestId('backup-result');
	await result.waitFor();
	return (await result.textContent()) ?? '';
}
