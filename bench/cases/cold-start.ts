import type { BrowserContext as PlaywrightContext, Page } from 'playwright-core';
import { call, type BrowserContext } from '../lib/bench-page';
import {
	firstRowAt,
	originPage,
	serviceWorkerReady,
	watchFirstRow,
	wholeListAt
} from '../lib/app-page';
import type { AppServer } from '../lib/app-server';
import { measure } from '../lib/measure';
import { ratioTarget, withRatios, type CaseResult } from '../lib/report';
import { summarise, type Summary } from '../lib/stats';

interface Device {
	size: number;
	context: PlaywrightContext;
	page: Page;
	heapMiB: number[];
	/** When the whole list showed (its counts), per measured reload. */
	wholeMs: number[];
}

const label = (size: number) => `cold start, ${size.toLocaleString('en')} events`;

/**
 * A browser profile whose log holds `size` events, written through the library on the app's
 * origin, and the order list opened once so that the app's runner wrote its checkpoint.
 */
async function prepareDevice(ctx: BrowserContext, app: AppServer, size: number): Promise<Device> {
	const context = await ctx.browser.newContext({ serviceWorkers: 'allow' });
	try {
		return await seedAndOpen(ctx, app, size, context);
	} catch (error) {
		await context.close();
		throw error;
	}
}

async function seedAndOpen(
	ctx: BrowserContext,
	app: AppServer,
	size: number,
	context: PlaywrightContext
): Promise<Device> {
	const seeder = await originPage(context, app.url, ctx.pageUrl);
	const lastSeq = await call(seeder, 'seedLog', 'rewind', size, ctx.options.durability);
	const page = await context.newPage();
	page.on('pageerror', (error) => console.error(`app page: ${error.stack ?? error.message}`));
	await watchFirstRow(page);
	await page.goto(`${app.url}/orders`);
	await firstRowAt(page);
	// As for a real user: the service worker is installed and the checkpoint is written.
	await serviceWorkerReady(page);
	const deadline = Date.now() + 60_000;
	while ((await call(seeder, 'checkpointSeq', 'rewind', 'order-list')) < lastSeq) {
		if (Date.now() > deadline) throw new Error(`no order-list checkpoint at seq ${lastSeq}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	await seeder.close();
	return { size, context, page, heapMiB: [], wholeMs: [] };
}

/** Reloads the order list and returns when its first row appeared, after navigation start. */
async function coldStart(device: Device, measured: boolean): Promise<number> {
	await device.page.reload({ waitUntil: 'commit' });
	const ms = await firstRowAt(device.page);
	const whole = await wholeListAt(device.page);
	if (measured) {
		device.wholeMs.push(whole);
		const cdp = await device.context.newCDPSession(device.page);
		await cdp.send('HeapProfiler.collectGarbage');
		const { usedSize } = await cdp.send('Runtime.getHeapUsage');
		device.heapMiB.push(usedSize / 2 ** 20);
		await cdp.detach();
	}
	return ms;
}

export interface ColdStartOutcome {
	result: CaseResult;
	/** The app's JS heap (after GC) with the order list shown, per size. */
	appHeap: Map<number, Summary>;
}

/** Case 3: reload → the order list's rows visible, with 1k, 10k and 100k events in the log. */
export async function coldStartCase(
	ctx: BrowserContext,
	app: AppServer
): Promise<ColdStartOutcome> {
	const sizes = ctx.options.sizes.coldStart;
	const devices: Device[] = [];
	try {
		for (const size of sizes) devices.push(await prepareDevice(ctx, app, size));
		const summaries = await measure(
			devices.map((device) => ({
				name: label(device.size),
				run: (round) => coldStart(device, round >= ctx.options.warmup)
			})),
			{ warmup: ctx.options.warmup, runs: ctx.options.runs }
		);
		const contestants = withRatios(summaries, 'ms', label(sizes[0]!));
		const largest = sizes.at(-1)!;
		const ratio = contestants.at(-1)!.ratio!;
		// Reported beside the target, never instead of it: the first rows come from the list's
		// preview, the whole list (counts, filters, search) once every row is read.
		const whole = devices.map((device) => ({
			name: `whole list ready, ${device.size.toLocaleString('en')} events`,
			unit: 'ms' as const,
			summary: summarise(device.wholeMs)
		}));
		for (const entry of whole) {
			contestants.push({ ...entry, ratio: entry.summary.median / whole[0]!.summary.median });
		}
		return {
			result: {
				id: 3,
				title: 'Cold start (reload → order rows visible)',
				contestants,
				targets: [
					ratioTarget(
						`${largest.toLocaleString('en')} ≤ 1.5× ${sizes[0]!.toLocaleString('en')}`,
						ratio,
						1.5
					)
				],
				notes: [
					`The built app (node build); each profile seeded through the library on the app's origin, the order list opened once (checkpoint written, service worker installed), then page reloads timed from navigation start to the first order row in the DOM (the list's preview: its first page as of the last checkpoint), and to the whole list (the filter counts, shown once every row is read). Orders of 10 events, accounts of 8: ${largest.toLocaleString('en')} events are ${Math.round((largest / 48) * 4).toLocaleString('en')} orders.`
				]
			},
			appHeap: new Map(devices.map((device) => [device.size, summarise(device.heapMiB)]))
		};
	} finally {
		for (const device of devices) await device.context.close();
	}
}
