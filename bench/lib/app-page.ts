import type { BrowserContext as PlaywrightContext, Page } from 'playwright-core';
import { BUNDLE } from './build-page';

/** The order list's rows, as the app renders them. */
export const ORDER_ROW = 'section[aria-label="Order list"] tbody tr';
/** The filter counts, which the order list shows once every row is loaded (not from its preview). */
export const ORDER_COUNTS = '[aria-label="Filter by status"] .count';

/**
 * A page on the app's origin that is not the app (the health endpoint), with the bench bundle
 * loaded into it: it reads and writes the app's own IndexedDB without the app running.
 */
export async function originPage(
	context: PlaywrightContext,
	appUrl: string,
	pageUrl: string
): Promise<Page> {
	const page = await context.newPage();
	await page.goto(`${appUrl}/api/health`);
	await page.addScriptTag({ url: `${pageUrl}/${BUNDLE}`, type: 'module' });
	await page.waitForFunction(() => window.rewindBench !== undefined);
	return page;
}

/**
 * Records, from the very start of every navigation, the moment the first order row is in the
 * document, and the moment the whole list is (its counts show), as `performance.now()`
 * (milliseconds since the navigation started).
 */
export async function watchFirstRow(page: Page): Promise<void> {
	// A string, not a function: the TypeScript runner's helpers do not exist in the page.
	await page.addInitScript(`{
		const observer = new MutationObserver(() => {
			if (window.__firstRowAt === undefined && document.querySelector(${JSON.stringify(ORDER_ROW)})) {
				window.__firstRowAt = performance.now();
			}
			if (window.__wholeListAt === undefined && document.querySelector(${JSON.stringify(ORDER_COUNTS)})) {
				window.__wholeListAt = performance.now();
			}
			if (window.__firstRowAt !== undefined && window.__wholeListAt !== undefined) observer.disconnect();
		});
		observer.observe(document, { childList: true, subtree: true });
	}`);
}

/** Waits for the first order row and returns when it appeared, in ms since navigation start. */
export async function firstRowAt(page: Page): Promise<number> {
	const handle = await page.waitForFunction(
		() => (window as unknown as { __firstRowAt?: number }).__firstRowAt,
		undefined,
		{ timeout: 120_000 }
	);
	return (await handle.jsonValue()) as number;
}

/** Waits for the whole order list (its counts) and returns when it showed, in ms since navigation start. */
export async function wholeListAt(page: Page): Promise<number> {
	const handle = await page.waitForFunction(
		() => (window as unknown as { __wholeListAt?: number }).__wholeListAt,
		undefined,
		{ timeout: 120_000 }
	);
	return (await handle.jsonValue()) as number;
}

/** Waits until the app's service worker is active (installed, assets cached), at most 60 s. */
export async function serviceWorkerReady(page: Page): Promise<void> {
	await page.waitForFunction(
		() =>
			navigator.serviceWorker
				.getRegistration()
				.then((registration) => registration?.active?.state === 'activated'),
		undefined,
		{ timeout: 60_000, polling: 100 }
	);
}

/**
 * Types `text` into the order list's search box (one input event, as a paste or the last
 * keystroke) and returns the milliseconds until every row the list shows is a match: the
 * customer name of each holds `text`. Then clears the search and waits for the whole list.
 */
export async function searchOrdersMs(page: Page, text: string): Promise<number> {
	// A script as text: tsx would wrap a function's inner functions in a helper the page lacks.
	const ms = await page.evaluate<number>(`new Promise((resolve) => {
		const text = ${JSON.stringify(text)};
		const input = document.querySelector('input[type="search"]');
		const matched = () => {
			const rows = [...document.querySelectorAll(${JSON.stringify(ORDER_ROW)})];
			return rows.length > 0 && rows.every((row) =>
				(row.querySelector('.customer')?.textContent ?? '').toLowerCase().includes(text));
		};
		const start = performance.now();
		const observer = new MutationObserver(() => {
			if (!matched()) return;
			observer.disconnect();
			resolve(performance.now() - start);
		});
		observer.observe(document.body, { childList: true, subtree: true, characterData: true });
		input.value = text;
		input.dispatchEvent(new Event('input', { bubbles: true }));
	})`);
	await page.fill('input[type="search"]', '');
	// The whole list back (a row that is not a match), polled each frame: the app's CSP allows no eval.
	await page.evaluate(`new Promise((resolve) => {
		const back = () => [...document.querySelectorAll(${JSON.stringify(ORDER_ROW)})].some((row) =>
			!(row.querySelector('.customer')?.textContent ?? '').toLowerCase().includes(${JSON.stringify(text)}));
		const check = () => (back() ? resolve(undefined) : requestAnimationFrame(check));
		check();
	})`);
	return ms;
}
