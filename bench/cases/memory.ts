import { call, type BrowserContext } from '../lib/bench-page';
import { launchDiskProfile } from '../lib/chromium';
import type { Summary } from '../lib/stats';
import { summarise } from '../lib/stats';
import type { CaseResult, ContestantResult } from '../lib/report';

const MiB = 2 ** 20;

/**
 * Case 6: the page's JS heap (after a forced GC, CDP `Runtime.getHeapUsage`) before and after
 * `readAll` of the whole log, which stays referenced; each run in a freshly loaded page.
 */
export async function memoryCase(
	ctx: BrowserContext,
	appHeap: Map<number, Summary> | undefined
): Promise<CaseResult> {
	const total = ctx.options.sizes.memory;
	const profile = await launchDiskProfile();
	const context = profile.context;
	try {
		const page = await context.newPage();
		await page.goto(ctx.pageUrl);
		await page.waitForFunction(() => window.rewindBench !== undefined);
		const name = `bench-memory-${Date.now()}`;
		await call(page, 'seedLog', name, total, ctx.options.durability);
		const cdp = await context.newCDPSession(page);
		const heap = async () => {
			await cdp.send('HeapProfiler.collectGarbage');
			return (await cdp.send('Runtime.getHeapUsage')).usedSize / MiB;
		};
		const before: number[] = [];
		const after: number[] = [];
		for (let round = 0; round < ctx.options.runs; round++) {
			await page.reload();
			await page.waitForFunction(() => window.rewindBench !== undefined);
			before.push(await heap());
			const count = await call(page, 'holdLog', name);
			if (count !== total) throw new Error(`readAll returned ${count} events, not ${total}`);
			after.push(await heap());
		}
		await page.reload();
		await page.waitForFunction(() => window.rewindBench !== undefined);
		await call(page, 'deleteDatabase', name);
		const empty = summarise(before);
		const loaded = summarise(after);
		const contestants: ContestantResult[] = [
			{ name: 'bench page, nothing loaded', unit: 'MiB', summary: empty, baseline: true },
			{
				name: `readAll of ${total.toLocaleString('en')} events, held`,
				unit: 'MiB',
				summary: loaded,
				ratio: loaded.median / empty.median
			},
			{
				name: 'per event (held − empty)',
				unit: 'KiB',
				summary: summarise(after.map((a, i) => ((a - before[i]!) * 1024) / total))
			}
		];
		for (const [size, summary] of appHeap ?? []) {
			contestants.push({
				name: `app /orders after cold start, ${size.toLocaleString('en')} events`,
				unit: 'MiB',
				summary
			});
		}
		return {
			id: 6,
			title: 'Memory (JS heap after GC)',
			contestants,
			targets: [],
			notes: [
				'No target in the issue; reported for comparison between runs. The app rows come from case 3 (the used heap of the /orders page after each measured reload).'
			]
		};
	} finally {
		await profile.close();
	}
}
