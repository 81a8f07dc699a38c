import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Response } from 'playwright-core';
import { serviceWorkerReady } from '../lib/app-page';
import type { AppServer } from '../lib/app-server';
import { APP_BUILD } from '../lib/paths';
import { summarise } from '../lib/stats';
import type { CaseResult } from '../lib/report';

const KiB = 1024;
const LIMIT_KIB = 110;

function isJavaScript(response: Response): boolean {
	const type = response.headers()['content-type'] ?? '';
	return /javascript/.test(type) || /\.m?js(\?|$)/.test(new URL(response.url()).pathname);
}

async function gzippedSize(response: Response): Promise<number> {
	const body = await response.body();
	return gzipSync(body, { level: 9 }).length;
}

/**
 * A service worker's responses carry no body through the browser's protocol, so the file the
 * server sent for that URL is read from the build instead.
 */
function gzippedBuildFile(url: string): Promise<number> {
	const body = readFileSync(join(APP_BUILD, 'client', new URL(url).pathname));
	return Promise.resolve(gzipSync(body, { level: 9 }).length);
}

/**
 * Case 7: a first visit to `/orders` in a fresh profile. Counts every JavaScript response the
 * page fetched (its own bundle, including the service worker script), gzipped at level 9 as
 * adapter-node precompresses; and, separately, what the service worker then precaches.
 */
export async function weightCase(browser: Browser, app: AppServer): Promise<CaseResult> {
	const context = await browser.newContext({ serviceWorkers: 'allow' });
	try {
		const page = await context.newPage();
		const pageSizes = new Map<string, Promise<number>>();
		const workerSizes = new Map<string, Promise<number>>();
		context.on('response', (response) => {
			if (!isJavaScript(response) || response.status() !== 200) return;
			const fromWorker = response.request().serviceWorker() !== null;
			if (fromWorker) workerSizes.set(response.url(), gzippedBuildFile(response.url()));
			else pageSizes.set(response.url(), gzippedSize(response));
		});
		await page.goto(`${app.url}/orders`, { waitUntil: 'networkidle' });
		await serviceWorkerReady(page);
		await page.waitForLoadState('networkidle');
		const sum = async (sizes: Map<string, Promise<number>>) =>
			(await Promise.all(sizes.values())).reduce((a, b) => a + b, 0) / KiB;
		const pageKb = await sum(pageSizes);
		const workerOnly = new Map([...workerSizes].filter(([url]) => !pageSizes.has(url)));
		const workerKb = await sum(workerOnly);
		return {
			id: 7,
			title: 'Weight: first visit to /orders (gzipped JS)',
			contestants: [
				{
					name: `JS the page loads (${pageSizes.size} files)`,
					unit: 'KiB',
					summary: summarise([pageKb])
				},
				{
					name: `+ JS the service worker precaches (${workerOnly.size} more files)`,
					unit: 'KiB',
					summary: summarise([workerKb])
				}
			],
			targets: [
				{
					text: `page JS ≤ ${LIMIT_KIB} KiB gz`,
					measured: `${pageKb.toFixed(1)} KiB`,
					pass: pageKb <= LIMIT_KIB
				}
			],
			notes: [
				'Measured once (it does not vary). Each JavaScript response body the browser received, gzipped at level 9; the service worker precaches every built asset in the background after the first load.'
			]
		};
	} finally {
		await context.close();
	}
}
