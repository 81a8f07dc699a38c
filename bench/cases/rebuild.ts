import { call, type BrowserContext } from '../lib/bench-page';
import { measure } from '../lib/measure';
import { medianOf, ratioTarget, withRatios, type CaseResult } from '../lib/report';

const RAW = 'raw IndexedDB cursor read';
const BOTH = 'Rewind rebuild (order-list + account-list)';
const ORDERS = 'Rewind rebuild (order-list only)';

/** Case 4: `ReadModelRunner.rebuild()` over the whole log vs a raw cursor over the same records. */
export async function rebuildCase({ page, options }: BrowserContext): Promise<CaseResult> {
	const total = options.sizes.rebuild;
	let name = '';
	let counted = 0;
	const summaries = await measure(
		[
			{
				name: RAW,
				run: async () => {
					const { ms, count } = await call(page, 'rawCursorRead', name);
					counted = count;
					return ms;
				}
			},
			{ name: BOTH, run: () => call(page, 'rebuild', name, ['order-list', 'account-list']) },
			{ name: ORDERS, run: () => call(page, 'rebuild', name, ['order-list']) }
		],
		{
			warmup: options.warmup,
			runs: options.runs,
			before: async (round) => {
				name = `bench-rebuild-${round}-${Date.now()}`;
				await call(page, 'seedLog', name, total, options.durability);
			},
			after: () => call(page, 'deleteDatabase', name)
		}
	);
	if (counted !== total) throw new Error(`the raw cursor read ${counted} events, not ${total}`);
	const contestants = withRatios(summaries, 'ms', RAW);
	return {
		id: 4,
		title: `Full rebuild, ${total.toLocaleString('en')} events`,
		contestants,
		targets: [
			ratioTarget(
				'rebuild ≤ 1.2× raw cursor',
				medianOf(contestants, BOTH) / medianOf(contestants, RAW),
				1.2
			)
		],
		notes: [
			`ReadModelRunner.rebuild() of the app's two lists at once, as the app runs them (each folds the whole log through readLocal in pages of 5,000, and writes each page's rows and state to its IndexedDB read model in one transaction) vs one cursor over the events store keeping every value; a freshly seeded database per run (orders of 10 events, accounts of 8).`
		]
	};
}
