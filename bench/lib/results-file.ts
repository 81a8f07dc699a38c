import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Machine } from './machine';
import type { BenchOptions } from './options';
import { RESULTS } from './paths';
import type { CaseResult } from './report';
import { formatMarkdown } from './table';

export interface BenchRun {
	startedAt: string;
	durationSeconds: number;
	mode: 'quick' | 'full';
	options: BenchOptions;
	machine: Machine;
	results: CaseResult[];
	/** Cases that broke: the bench's own failures, not missed targets. */
	errors: { case: string; message: string }[];
}

/** `bench/results/latest.json`, a dated copy, and `latest.md` with the Markdown table. */
export function writeResults(run: BenchRun): string {
	mkdirSync(RESULTS, { recursive: true });
	const json = `${JSON.stringify(run, null, '\t')}\n`;
	const stamp = run.startedAt.replace(/:/g, '-').replace(/\..*$/, '');
	const dated = join(RESULTS, `${stamp}-${run.mode}.json`);
	writeFileSync(join(RESULTS, 'latest.json'), json);
	writeFileSync(dated, json);
	writeFileSync(join(RESULTS, 'latest.md'), `${formatMarkdown(run.results)}\n`);
	return dated;
}
