import type { AppendContestant } from '../browser/api';
import { call, type BrowserContext } from '../lib/bench-page';
import { measure } from '../lib/measure';
import { medianOf, ratioTarget, withRatios, type CaseResult } from '../lib/report';

const CONTESTANTS: [string, AppendContestant][] = [
	['raw IndexedDB (one transaction)', 'raw'],
	['Rewind append', 'rewind'],
	['Dexie bulkAdd', 'dexie'],
	['RxDB bulkInsert (Dexie storage)', 'rxdb']
];

/** Case 1: batch append of realistic events, four contestants side by side. */
export async function batchAppendCase({ page, options }: BrowserContext): Promise<CaseResult> {
	const count = options.sizes.batch;
	const summaries = await measure(
		CONTESTANTS.map(([name, contestant]) => ({
			name,
			run: () => call(page, 'batchAppend', contestant, count, options.durability)
		})),
		{ warmup: options.warmup, runs: options.runs }
	);
	const contestants = withRatios(summaries, 'ms', CONTESTANTS[0]![0]);
	const rewind = medianOf(contestants, 'Rewind append');
	const raw = medianOf(contestants, CONTESTANTS[0]![0]);
	const rxdb = medianOf(contestants, 'RxDB bulkInsert (Dexie storage)');
	return {
		id: 1,
		title: `Batch append, ${count.toLocaleString('en')} events`,
		contestants,
		targets: [
			ratioTarget('Rewind ≤ 1.1× raw', rewind / raw, 1.1),
			{
				text: 'Rewind faster than RxDB',
				measured: `${(rewind / rxdb).toFixed(2)}× RxDB`,
				pass: rewind < rxdb
			}
		],
		notes: [
			`One order stream of ${count} events (items added, quantities changed), ~0.5 KB each; every contestant stores the same records with Rewind's indexes, durability "${options.durability}"; a fresh database per run, left 100 ms to settle after it is created (every contestant alike).`
		]
	};
}
