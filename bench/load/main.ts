// `npm run bench:load [-- --seconds=20] [--quick] [--no-build] [--only=pglite|postgres]`
// PostgreSQL scenarios need BENCH_DATABASE_URL, as `npm run bench` does.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../lib/app-server';
import { describeMachine } from '../lib/machine';
import { RESULTS } from '../lib/paths';
import type { CaseResult } from '../lib/report';
import { formatText } from '../lib/table';
import { closeConnections } from './http-client';
import { loadOptions, LOAD_CASE_ID } from './load-options';
import { loadScenarios, runLoadScenario } from './load-scenarios';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const unknown = argv.filter(
	(arg) => !/^--(seconds|only)=/.test(arg) && !['--quick', '--no-build'].includes(arg)
);
if (unknown.length > 0) throw new Error(`unknown options: ${unknown.join(' ')}`);

const started = Date.now();
const log = (message: string) =>
	console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${message}`);
const options = loadOptions(argv.includes('--quick'), flag('seconds'));
const databaseUrl = process.env.BENCH_DATABASE_URL?.trim() || undefined;
const only = flag('only');
const scenarios = loadScenarios(databaseUrl).filter((s) => !only || s.backend === only);
if (!databaseUrl) log('PostgreSQL scenarios skipped: BENCH_DATABASE_URL is not set');

if (!argv.includes('--no-build')) {
	log('npm run build');
	buildApp();
}
const results: CaseResult[] = [];
for (const scenario of scenarios) {
	log(scenario.name);
	const result = await runLoadScenario(LOAD_CASE_ID, scenario, options, databaseUrl, (m) =>
		log(`  ${m}`)
	);
	results.push(result);
	console.log(`\n${formatText([result])}\n${result.notes.map((note) => `  ${note}`).join('\n')}\n`);
}
closeConnections();
const file = join(RESULTS, 'load-latest.json');
writeFileSync(
	file,
	JSON.stringify(
		{ startedAt: new Date(started).toISOString(), options, machine: describeMachine(), results },
		null,
		'\t'
	)
);
log(`results: ${file}`);
