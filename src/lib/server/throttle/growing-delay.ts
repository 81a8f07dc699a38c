/** How long failures make the next try wait, for one kind of key. */
export interface GrowingDelay {
	/** Failures that cost nothing: typos. */
	free: number;
	/** The wait after the first failure past `free`; each further failure doubles it… */
	firstMs: number;
	/** …up to this. */
	maxMs: number;
	/** Failures are forgotten after this long without another one (counted from the end of the wait). */
	forgetMs: number;
}

/** The wait after the `failures`-th failure in a row. */
export function delayAfter(policy: GrowingDelay, failures: number): number {
	if (failures <= policy.free) return 0;
	return Math.min(policy.maxMs, policy.firstMs * 2 ** (failures - policy.free - 1));
}
