import type { Browser, Page } from 'playwright-core';
import type { BenchApi } from '../browser/api';
import { launchDiskProfile, type DiskProfile } from './chromium';
import type { BenchOptions } from './options';

export interface BrowserContext {
	/**
	 * A shared Chromium, for what keeps no data (case 7's bytes). Its contexts are off the record:
	 * their IndexedDB lives in memory, where writes cost 2–2.8× what they cost on disk, so every
	 * case that reads or writes IndexedDB runs in a profile on disk (`launchDiskProfile`).
	 */
	browser: Browser;
	/** The bench page, in a profile on disk: the bundle loaded, `window.rewindBench` ready. */
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

/**
 * Opens the bench page in a Chromium of its own with a profile on disk, as a person's browser
 * keeps IndexedDB, and waits for the bundle. Closing it deletes the profile.
 */
export async function openBenchPage(url: string): Promise<DiskProfile & { page: Page }> {
	const profile = await launchDiskProfile();
	const page = await profile.context.newPage();
	page.on('pageerror', (error) => console.error(`bench page: ${error.message}`));
	page.on('console', (message) => {
		if (message.text().startsWith('EXEC')) console.log(message.text());
	});
	await page.goto(url);
	await page.waitForFunction(() => window.rewindBench !== undefined);
	return { ...profile, page };
}
