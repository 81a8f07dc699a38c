import { originPage } from '../lib/app-page';
import type { AppServer } from '../lib/app-server';
import { call, type BrowserContext } from '../lib/bench-page';
import { launchDiskProfile } from '../lib/chromium';
import { measure } from '../lib/measure';
import type { CaseResult, ContestantResult } from '../lib/report';
import { summarise } from '../lib/stats';

const CATCH_UP = 'SyncClient.syncNow(), browser → node build';

/**
 * Case 9: pending events on one device pushed to the server (node build, PGlite) by the sync
 * client, end to end. The ratio to case 8's push figure is added once case 8 has run.
 */
export async function catchUpCase(ctx: BrowserContext, app: AppServer): Promise<CaseResult> {
	const count = ctx.options.sizes.catchUp;
	const profile = await launchDiskProfile();
	const context = profile.context;
	try {
		const page = await originPage(context, app.url, ctx.pageUrl);
		const summaries = await measure(
			[
				{
					name: CATCH_UP,
					run: async () => {
						const { ms, pending } = await call(page, 'syncCatchUp', count, ctx.options.durability);
						if (pending !== 0) throw new Error(`${pending} events still pending after syncNow()`);
						return ms;
					}
				}
			],
			{ warmup: 1, runs: ctx.options.runs }
		);
		return {
			id: 9,
			title: `Sync catch-up, ${count.toLocaleString('en')} pending events`,
			contestants: [{ name: CATCH_UP, unit: 'ms', summary: summaries.get(CATCH_UP)! }],
			targets: [],
			notes: [
				`A signed-in device (new workspace) with ${count.toLocaleString('en')} pending events; one syncNow() pulls (nothing) and pushes them all in batches of up to 500 through the real endpoint on loopback. Baseline: case 8's HTTP push (PGlite) median × ${count / 500} batches.`
			]
		};
	} finally {
		await profile.close();
	}
}

/** Adds case 8's figures to case 9 as baselines, once both have run. */
export function relateCatchUp(results: CaseResult[]): void {
	const catchUp = results.find((r) => r.id === 9 && !r.skipped);
	const push = results.find((r) => r.id === 8 && r.title.endsWith('PGlite'));
	if (!catchUp || !push) return;
	const batches = Number(catchUp.title.match(/([\d,]+) pending/)?.[1]?.replaceAll(',', '')) / 500;
	const base = (name: string): ContestantResult | undefined => {
		const found = push.contestants.find((c) => c.name === name);
		if (!found) return undefined;
		return {
			name: `case 8 ${name} × ${batches}`,
			unit: 'ms',
			summary: summarise(found.summary.samples.map((ms) => ms * batches))
		};
	};
	const http = base('push, HTTP (node build, loopback)');
	const raw = base('raw multi-row INSERT');
	const measured = catchUp.contestants[0]!;
	if (!http) return;
	http.baseline = true;
	measured.ratio = measured.summary.median / http.summary.median;
	catchUp.contestants.unshift(http);
	if (raw) catchUp.contestants.push({ ...raw, ratio: raw.summary.median / http.summary.median });
	catchUp.targets.push({
		text: 'catch-up ≤ 1.3× raw push',
		measured: `${measured.ratio.toFixed(2)}×`,
		pass: measured.ratio <= 1.3
	});
}

/** Case 10: a command on one device until the other device's projection store shows it. */
export async function fanoutCase(ctx: BrowserContext, app: AppServer): Promise<CaseResult> {
	const a = await launchDiskProfile();
	const b = await launchDiskProfile();
	try {
		const pageA = await originPage(a.context, app.url, ctx.pageUrl);
		const pageB = await originPage(b.context, app.url, ctx.pageUrl);
		const invite = await call(pageA, 'fanoutStart');
		await call(pageB, 'fanoutStart', invite);
		const name = 'push on device A → row on device B';
		const summaries = await measure(
			[
				{
					name,
					run: async () => {
						const streamId = `order-${crypto.randomUUID()}`;
						const seen = call(pageB, 'fanoutWaitFor', streamId);
						const start = await call(pageA, 'fanoutCommand', streamId);
						return (await seen) - start;
					}
				}
			],
			{ warmup: ctx.options.warmup, runs: ctx.options.runs }
		);
		const summary = summaries.get(name)!;
		return {
			id: 10,
			title: 'Fan-out latency (loopback)',
			contestants: [{ name, unit: 'ms', summary }],
			targets: [
				{
					text: 'fan-out ≤ 1 s',
					measured: `${summary.median.toFixed(0)} ms`,
					pass: summary.median <= 1000
				}
			],
			notes: [
				"Two browser profiles signed in to one workspace, each with a started SyncClient (leader tab, live stream) against node build; from execute(CreateOrder) on A until B's order-list projectionStore has the row. Includes the client's 40 ms push delay."
			]
		};
	} finally {
		await a.close();
		await b.close();
	}
}
