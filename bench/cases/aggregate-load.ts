import { call, type BrowserContext } from '../lib/bench-page';
import { measure } from '../lib/measure';
import { medianOf, ratioTarget, withRatios, type CaseResult } from '../lib/report';

const LOADS = 20;
const SHORT = 'load, 10-event stream';

/** Case 5: loading a long stream with snapshots vs a 10-event stream. */
export async function aggregateLoadCase({ page, options }: BrowserContext): Promise<CaseResult> {
	const long = options.sizes.longStream;
	const LONG = `load, ${long.toLocaleString('en')}-event stream (snapshots)`;
	let name = '';
	const summaries = await measure(
		[
			{ name: SHORT, run: () => call(page, 'aggregateLoad', name, 'short', LOADS) },
			{ name: LONG, run: () => call(page, 'aggregateLoad', name, 'long', LOADS) }
		],
		{
			warmup: options.warmup,
			runs: options.runs,
			before: async (round) => {
				name = `bench-aggregate-${round}-${Date.now()}`;
				await call(page, 'seedAggregates', name, long, options.durability);
			},
			after: () => call(page, 'deleteDatabase', name)
		}
	);
	const contestants = withRatios(summaries, 'ms', SHORT);
	return {
		id: 5,
		title: 'Aggregate load',
		contestants,
		targets: [
			ratioTarget(
				`${long.toLocaleString('en')} (snapshots) ≤ 1.5× 10`,
				medianOf(contestants, LONG) / medianOf(contestants, SHORT),
				1.5
			)
		],
		notes: [
			`AggregateRepository.load of the order aggregate; the long stream's latest snapshot is 50 events behind its head (the average with a snapshot every 100). Each run is the mean of ${LOADS} loads on a freshly seeded database.`
		]
	};
}
