import type { Summary } from './stats';

export type Unit = 'ms' | 'KiB' | 'MiB' | 'events/s';

export interface ContestantResult {
	name: string;
	unit: Unit;
	summary: Summary;
	/** Median over the baseline's median; absent for the baseline itself and cases without one. */
	ratio?: number;
	baseline?: boolean;
}

export interface TargetResult {
	text: string;
	/** The measured figure the target is about, e.g. `1.12×`. */
	measured: string;
	pass: boolean;
}

export interface CaseResult {
	id: number;
	title: string;
	contestants: ContestantResult[];
	targets: TargetResult[];
	notes: string[];
	/** Why the case did not run (it is not a failure of the bench). */
	skipped?: string;
}

/** Contestant results with ratios to the one named `baseline`. */
export function withRatios(
	summaries: Map<string, Summary>,
	unit: Unit,
	baseline?: string
): ContestantResult[] {
	const base = baseline ? summaries.get(baseline)?.median : undefined;
	return Array.from(summaries, ([name, summary]) => ({
		name,
		unit,
		summary,
		...(name === baseline ? { baseline: true } : {}),
		...(base && name !== baseline ? { ratio: summary.median / base } : {})
	}));
}

export function medianOf(result: ContestantResult[], name: string): number {
	const found = result.find((c) => c.name === name);
	if (!found) throw new Error(`no contestant ${name}`);
	return found.summary.median;
}

/** `≤ limit×`: a ratio target. */
export function ratioTarget(text: string, ratio: number, limit: number): TargetResult {
	return { text, measured: `${ratio.toFixed(2)}×`, pass: ratio <= limit };
}
