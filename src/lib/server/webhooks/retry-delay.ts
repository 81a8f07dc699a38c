/**
 * The wait before attempt `failures + 1`: the base doubled per failure so far, capped, and
 * spread over its upper half at random ("equal jitter"), so that receivers coming back from an
 * outage are not hit by every server at the same moment, while the wait still grows.
 */
export function retryDelayMs(
	failures: number,
	{ retryBaseMs, retryCapMs }: { retryBaseMs: number; retryCapMs: number },
	random: () => number = Math.random
): number {
	const exponent = Math.min(Math.max(failures - 1, 0), 30);
	const ceiling = Math.min(retryCapMs, retryBaseMs * 2 ** exponent);
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
