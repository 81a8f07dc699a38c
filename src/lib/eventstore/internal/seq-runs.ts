/** A run of consecutive local seqs, from `seq` to `last` (to `seq` itself when it has none). */
export interface SeqRun {
	seq: number;
	last?: number;
}

/** The run that holds `seq`, among disjoint runs in seq order; one binary search. */
export function runHolding<Run extends SeqRun>(runs: readonly Run[], seq: number): Run | undefined {
	let low = 0;
	let high = runs.length - 1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		const run = runs[middle]!;
		if (seq < run.seq) high = middle - 1;
		else if (seq > (run.last ?? run.seq)) low = middle + 1;
		else return run;
	}
	return undefined;
}
