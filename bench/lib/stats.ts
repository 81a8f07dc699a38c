/** A contestant's measured runs, summarised. */
export interface Summary {
	runs: number;
	median: number;
	min: number;
	max: number;
	/** Interquartile range over the median: the spread, robust to one odd run. */
	spread: number;
	samples: number[];
}

/** The `q` quantile of ascending `sorted`, interpolated between neighbours. */
export function quantile(sorted: number[], q: number): number {
	const position = (sorted.length - 1) * q;
	const low = Math.floor(position);
	const high = Math.ceil(position);
	return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

export function summarise(samples: number[]): Summary {
	if (samples.length === 0) throw new Error('no samples to summarise');
	const sorted = [...samples].sort((a, b) => a - b);
	const median = quantile(sorted, 0.5);
	const iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
	return {
		runs: samples.length,
		median,
		min: sorted[0]!,
		max: sorted.at(-1)!,
		spread: median === 0 ? 0 : iqr / median,
		samples
	};
}
