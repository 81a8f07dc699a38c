import type { Browser, Page } from 'playwright-core';
import type { BenchApi } from '../browser/api';
import type { BenchOptions } from './options';

export interface BrowserContext {
	browser: Browser;
	/** The bench page: the bundle loaded, `window.rewindBench` ready. */
	page: Page;
	/** Where the static server serves the bench page. */
	pageUrl: string;
	options: BenchOptions;
}

type Method = keyof BenchApi;

/** Calls one bench function in the page and returns its result. */
export function call<M extends Method>(
	page: Page,
	method: M,
	...args: Parameters<BenchApi[M]>
): Promise<Awaited<ReturnType<BenchApi[M]>>> {
	return page.evaluate(
		async ([name, params]) => {
			const api = window.rewindBench;
			if (!api) throw new Error('the bench bundle is not loaded');
			const fn = api[name] as (...a: unknown[]) => Promise<unknown>;
			return fn(...params);
		},
		[method, args] as const
	) as Promise<Awaited<ReturnType<BenchApi[M]>>>;
}

/** Opens the bench page in its own browser context and waits for the bundle. */
export async function openBenchPage(browser: Browser, url: string): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	page.on('pageerror', (error) => console.error(`bench page: ${error.message}`));
	page.on('console', (message) => {
		if (message.text().startsWith('EXEC')) console.log(message.text());
	});
	await page.goto(url);
	await page.waitForFunction(() => window.rewindBench !== undefined);
	return page;
}
