import type { BrowserContext as PlaywrightContext, Page } from 'playwright-core';
import { call, type BrowserContext } from '../lib/bench-page';
import {
	firstRowAt,
	originPage,
	searchOrdersMs,
	serviceWorkerReady,
	watchFirstRow,
	wholeListAt
} from '../lib/app-page';
import type { AppServer } from '../lib/app-server';
import { launchDiskProfile, type DiskProfile } from '../lib/chromium';
import { measure } from '../lib/measure';
import { ratioTarget, withRatios, type CaseResult } from '../lib/report';
import { summarise, type Summary } from '../lib/stats';

interface Device {
	size: number;
	profile: DiskProfile;
	context: PlaywrightContext;
	page: Page;
	heapMiB: number[];
	/** When the whole list showed (its counts), per measured reload. */
	wholeMs: number[];
}

/** What the search times: one of the seeded customers, a fifth of the orders. */
const SEARCHED = 'hopper';

const label = (size: number) => `cold start, ${size.toLocaleString('en')} events`;
/** How many orders the seeded log of `size` events holds. */
const ordersIn = (size: number) => Math.round((size / 48) * 4).toLocaleString('en');

/**
 * A browser profile whose log holds `size` synced events, written through the library on the
 * app's origin, and the order list opened once so that the app folded its read model.
 */
async function prepareDevice(ctx: BrowserContext, app: AppServer, size: number): Promise<Device> {
	// On disk, as a person's profile is: an off-the-record context's quota is too small.
	const profile = await launchDiskProfile();
	try {
		return await seedAndOpen(ctx, app, size, profile);
	} catch (error) {
		await profile.close();
		throw error;
	}
}

async function seedAndOpen(
	ctx: BrowserContext,
	app: AppServer,
	size: number,
	profile: DiskProfile
): Promise<Device> {
	const { context } = profile;
	const seeder = await originPage(context, app.url, ctx.pageUrl);
	const lastSeq = await call(seeder, 'seedLog', 'rewind', size, ctx.options.durability, true);
	const page = await context.newPage();
	page.on('pageerror', (error) => console.error(`app page: ${error.stack ?? error.message}`));
	// A fold that failed is reported on the console and never finishes: say why, not only that.
	page.on('console', async (message) => {
		if (message.type() !== 'error') return;
		// Each argument as the page has it: an error's text() is only its preview.
		const parts = await Promise.all(
			message
				.args()
				.map((arg) =>
					arg
						.evaluate((value) =>
							value instanceof Error
								? `${value.name}: ${value.message}\n${value.stack}`
								: String(value)
						)
						.catch(() => '?')
				)
		);
		console.error(`app page: ${parts.join(' ') || message.text()}`);
	});
	await watchFirstRow(page);
	await page.goto(`${app.url}/orders`);
	await firstRowAt(page);
	// As for a real user: the service worker is installed and the read model folded (the first
	// open of a large log folds it all, a few minutes for a million events).
	await serviceWorkerReady(page);
	const deadline = Date.now() + 60_000 + size;
	while ((await call(seeder, 'checkpointSeq', 'rewind', 'order-list')) < lastSeq) {
		if (Date.now() > deadline) {
			const seq = await call(seeder, 'checkpointSeq', 'rewind', 'order-list');
			throw new Error(
				`the order-list read model had folded to seq ${seq} of ${lastSeq} when its time ran out`
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	const { usage } = await seeder.evaluate(() => navigator.storage.estimate());
	console.log(
		`  ${size.toLocaleString('en')} events: ${((usage ?? 0) / 2 ** 20).toFixed(0)} MiB stored`
	);
	await seeder.close();
	return { size, profile, context, page, heapMiB: [], wholeMs: [] };
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

/**
 * Case 3: reload → the order list's rows visible and its counts, the app's heap, and a search,
 * with 1,000 to 1,000,000 events in the log.
 */
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
		const smallest = sizes[0]!;
		const largest = sizes.at(-1)!;
		const ratio = contestants.at(-1)!.ratio!;
		const whole = devices.map((device) => ({
			name: `whole list ready (counts), ${device.size.toLocaleString('en')} events`,
			unit: 'ms' as const,
			summary: summarise(device.wholeMs)
		}));
		for (const entry of whole) {
			contestants.push({ ...entry, ratio: entry.summary.median / whole[0]!.summary.median });
		}
		const heaps = devices.map((device) => ({
			name: `app heap after cold start, ${device.size.toLocaleString('en')} events`,
			unit: 'MiB' as const,
			summary: summarise(device.heapMiB)
		}));
		for (const entry of heaps) {
			contestants.push({ ...entry, ratio: entry.summary.median / heaps[0]!.summary.median });
		}
		// The search pair: the largest log against one a hundredth its size.
		const searchBase = devices.find((device) => device.size * 100 === largest) ?? devices[0]!;
		const searchDevices = [searchBase, devices.at(-1)!];
		const searchLabel = (device: Device) =>
			`search "${SEARCHED}", keystroke to results, ${ordersIn(device.size)} orders`;
		const searched = await measure(
			searchDevices.map((device) => ({
				name: searchLabel(device),
				run: () => searchOrdersMs(device.page, SEARCHED)
			})),
			{ warmup: ctx.options.warmup, runs: ctx.options.runs }
		);
		const searchContestants = withRatios(searched, 'ms', searchLabel(searchBase));
		contestants.push(...searchContestants);
		const at = (size: number) => size.toLocaleString('en');
		return {
			result: {
				id: 3,
				title: 'Cold start (reload → order rows visible), heap and search',
				contestants,
				targets: [
					ratioTarget(`first rows, ${at(largest)} ≤ 1.2× ${at(smallest)}`, ratio, 1.2),
					ratioTarget(
						`whole list (counts), ${at(largest)} ≤ 1.2× ${at(smallest)}`,
						whole.at(-1)!.summary.median / whole[0]!.summary.median,
						1.2
					),
					ratioTarget(
						`app heap, ${at(largest)} ≤ 2× ${at(smallest)}`,
						heaps.at(-1)!.summary.median / heaps[0]!.summary.median,
						2
					),
					ratioTarget(
						`search, ${ordersIn(largest)} orders ≤ 2× ${ordersIn(searchBase.size)}`,
						searchContestants.at(-1)!.ratio!,
						2
					)
				],
				notes: [
					`The built app (node build); each profile (on disk, in a Chromium of its own) seeded through the library on the app's origin with synced events (as a device in use holds them), the order list opened once (its read model folded, service worker installed), then page reloads timed from navigation start to the first order row in the DOM, and to the whole list (the filter counts). The heap is the page's JS heap after a forced GC, with the list shown. The search sets the search box to "${SEARCHED}" (a fifth of the orders) in one input event and times until every row shown is a match. Orders of 10 events, accounts of 8: ${at(largest)} events are ${ordersIn(largest)} orders.`
				]
			},
			appHeap: new Map(devices.map((device) => [device.size, summarise(device.heapMiB)]))
		};
	} finally {
		for (const device of devices) await device.profile.close();
	}
}
