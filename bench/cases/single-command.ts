import { call, type BrowserContext } from '../lib/bench-page';
import { measure } from '../lib/measure';
import { medianOf, ratioTarget, withRatios, type CaseResult } from '../lib/report';

// Enough that one slow commit (a GC, the disk) moves a run's mean little, for both contestants.
const COMMANDS_PER_RUN = 20;
const RAW = 'raw IndexedDB add (own transaction)';
const REWIND = 'Rewind execute → projection store';

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Case 2: one command from the call until the projection store shows it. */
export async function singleCommandCase({ page, options }: BrowserContext): Promise<CaseResult> {
	const summaries = await measure(
		[
			{
				name: RAW,
				run: async () =>
					mean(await call(page, 'singleCommand', 'raw', COMMANDS_PER_RUN, options.durability))
			},
			{
				name: REWIND,
				run: async () =>
					mean(await call(page, 'singleCommand', 'rewind', COMMANDS_PER_RUN, options.durability))
			}
		],
		{ warmup: options.warmup, runs: options.runs }
	);
	const contestants = withRatios(summaries, 'ms', RAW);
	return {
		id: 2,
		title: 'Single command latency',
		contestants,
		targets: [
			ratioTarget(
				'Rewind ≤ 1.5× raw',
				medianOf(contestants, REWIND) / medianOf(contestants, RAW),
				1.5
			)
		],
		notes: [
			`AggregateRepository.execute(AddItem) until the order list's first page (readModelStore.list, as the page reads it) shows the changed row, vs one raw add; each run is the mean of ${COMMANDS_PER_RUN} commands on a fresh database (after an untimed CreateOrder).`
		]
	};
}
