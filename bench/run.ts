// `npm run bench [-- --quick] [--only=1,3] [--runs=N] [--durability=relaxed|strict|default]`
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { aggregateLoadCase } from './cases/aggregate-load';
import { backupCase } from './cases/backup';
import { batchAppendCase } from './cases/batch-append';
import { coldStartCase } from './cases/cold-start';
import { memoryCase } from './cases/memory';
import { rebuildCase } from './cases/rebuild';
import { newDeviceCase } from './cases/new-device';
import { serverPullCase } from './cases/server-pull';
import { serverPushCase } from './cases/server-push';
import { singleCommandCase } from './cases/single-command';
import { catchUpCase, fanoutCase, relateCatchUp } from './cases/sync-cases';
import { weightCase } from './cases/weight';
import { startApp, buildApp, type AppServer } from './lib/app-server';
import { openBenchPage, type BrowserContext } from './lib/bench-page';
import { buildBenchPage } from './lib/build-page';
import { launchChromium, type DiskProfile } from './lib/chromium';
import { describeMachine } from './lib/machine';
import { parseOptions } from './lib/options';
import { PAGE_BUILD, ROOT } from './lib/paths';
import type { CaseResult } from './lib/report';
import { writeResults, type BenchRun } from './lib/results-file';
import { serveStatic, type StaticServer } from './lib/static-server';
import type { Summary } from './lib/stats';
import { formatText } from './lib/table';
import { benchBackends } from './server/backends';
import { loadOptions, LOAD_CASE_ID } from './load/load-options';
import { loadScenarios, runLoadScenario } from './load/load-scenarios';

/** Why cases 9–10 cannot run: the sync client of issue 6 is not there. */
function syncClientMissing(): string | undefined {
	return existsSync(join(ROOT, 'src/lib/sync/index.ts'))
		? undefined
		: 'no sync client (src/lib/sync/index.ts, issue 6)';
}

function skipped(id: number, title: string, reason: string): CaseResult {
	return { id, title, contestants: [], targets: [], notes: [], skipped: reason };
}

const options = parseOptions(process.argv.slice(2));
const wanted = (id: number) => options.only.length === 0 || options.only.includes(id);
const started = Date.now();
const results: CaseResult[] = [];
const errors: BenchRun['errors'] = [];

function log(message: string): void {
	const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
	console.log(`[${seconds}s] ${message}`);
}

/** Runs one case; a case that throws is the bench breaking, recorded and reported at the end. */
async function run(
	label: string,
	work: () => Promise<CaseResult | CaseResult[] | void>
): Promise<void> {
	log(label);
	try {
		const outcome = await work();
		if (outcome) results.push(...(Array.isArray(outcome) ? outcome : [outcome]));
	} catch (error) {
		const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
		errors.push({ case: label, message });
		console.error(`${label} broke:\n${message}`);
	}
}

let browser: Browser | undefined;
let benchPage: DiskProfile | undefined;
let pages: StaticServer | undefined;
let app: AppServer | undefined;
try {
	log(
		`mode ${options.quick ? 'quick' : 'full'}: ${options.warmup} warm-up + ${options.runs} measured runs, durability "${options.durability}"`
	);
	const browserCases = [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 14].some(wanted);
	if ([3, 7, 8, 12, LOAD_CASE_ID].some(wanted)) {
		log('npm run build');
		buildApp();
	}
	let ctx: BrowserContext | undefined;
	if (browserCases) {
		log('bundling the bench page with vite build');
		await buildBenchPage();
		pages = await serveStatic(PAGE_BUILD);
		browser = await launchChromium();
		const opened = await openBenchPage(pages.url);
		benchPage = opened;
		ctx = { browser, page: opened.page, pageUrl: pages.url, options };
	}
	if (ctx) {
		const c = ctx;
		if (wanted(1)) await run('case 1: batch append', () => batchAppendCase(c));
		if (wanted(2)) await run('case 2: single command', () => singleCommandCase(c));
		let appHeap: Map<number, Summary> | undefined;
		if ([3, 7, 9, 10, 11].some(wanted)) app = await startApp();
		const a = app;
		if (wanted(3) && a) {
			await run('case 3: cold start', async () => {
				const outcome = await coldStartCase(c, a);
				appHeap = outcome.appHeap;
				return outcome.result;
			});
		}
		if (wanted(4)) await run('case 4: full rebuild', () => rebuildCase(c));
		if (wanted(5)) await run('case 5: aggregate load', () => aggregateLoadCase(c));
		if (wanted(6)) await run('case 6: memory', () => memoryCase(c, appHeap));
		if (wanted(7) && a) await run('case 7: weight', () => weightCase(c.browser, a));
		if (wanted(14)) await run('case 14: backup and restore', () => backupCase(c));
		const client = syncClientMissing();
		for (const [id, label, work] of [
			[9, 'case 9: sync catch-up', catchUpCase],
			[10, 'case 10: fan-out', fanoutCase],
			[11, 'case 11: new device catch-up', newDeviceCase]
		] as const) {
			if (!wanted(id) || !a) continue;
			if (client) results.push(skipped(id, label, client));
			else await run(label, () => work(c, a));
		}
		await app?.stop();
		app = undefined;
	}
	if (wanted(8)) {
		for (const backend of benchBackends()) {
			await run(`case 8: server push (${backend.kind})`, () => serverPushCase(backend, options));
		}
		if (!process.env.BENCH_DATABASE_URL)
			log('case 8 on PostgreSQL skipped: BENCH_DATABASE_URL is not set');
	}
	if (wanted(12)) {
		for (const backend of benchBackends()) {
			await run(`case 12: server pull (${backend.kind})`, () => serverPullCase(backend, options));
		}
		if (!process.env.BENCH_DATABASE_URL)
			log('case 12 on PostgreSQL skipped: BENCH_DATABASE_URL is not set');
	}
	if (wanted(LOAD_CASE_ID)) {
		const url = process.env.BENCH_DATABASE_URL?.trim() || undefined;
		for (const scenario of loadScenarios(url)) {
			await run(`case ${LOAD_CASE_ID}: server under load (${scenario.name})`, () =>
				runLoadScenario(LOAD_CASE_ID, scenario, loadOptions(options.quick), url, log)
			);
		}
	}
	relateCatchUp(results);
} catch (error) {
	errors.push({
		case: 'set-up',
		message: error instanceof Error ? (error.stack ?? error.message) : String(error)
	});
	console.error(error);
} finally {
	await app?.stop();
	const chromium = browser?.version();
	await benchPage?.close();
	await browser?.close();
	await pages?.close();
	results.sort((a, b) => a.id - b.id);
	const record: BenchRun = {
		startedAt: new Date(started).toISOString(),
		durationSeconds: Math.round((Date.now() - started) / 1000),
		mode: options.quick ? 'quick' : 'full',
		options,
		machine: describeMachine(chromium),
		results,
		errors
	};
	const dated = writeResults(record);
	console.log(`\n${formatText(results)}\n`);
	const notes = new Set(
		results.flatMap((result) => result.notes.map((note) => `  ${result.id}. ${note}`))
	);
	for (const note of notes) console.log(note);
	console.log(`\nResults: bench/results/latest.json, ${dated}; ${record.durationSeconds} s.`);
	if (errors.length > 0) {
		console.error(`The bench broke in: ${errors.map((e) => e.case).join(', ')}`);
		process.exitCode = 1;
	}
}
