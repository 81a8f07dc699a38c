import type { Durability } from '../browser/api';

export interface BenchOptions {
	quick: boolean;
	/** Warm-up runs before the measured ones, per case. */
	warmup: number;
	/** Measured runs per contestant. */
	runs: number;
	durability: Durability;
	/** Case numbers to run; all when empty. */
	only: number[];
	/** Sizes: full run / `--quick`. */
	sizes: {
		batch: number;
		coldStart: number[];
		rebuild: number;
		longStream: number;
		memory: number;
		pushBatch: number;
		catchUp: number;
		newDevice: number;
		/** Events in the workspace a client pulls from the server (case 12). */
		pull: number;
		/** Events in the log backed up and restored (case 14). */
		backup: number;
	};
	/** Measured runs of the long catch-up cases (a run of case 11 takes seconds). */
	catchUpRuns: number;
}

/** `--quick`, `--only=1,3`, `--runs=N`, `--durability=relaxed|strict|default`. */
export function parseOptions(argv: string[]): BenchOptions {
	const flag = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
	const quick = argv.includes('--quick');
	const unknown = argv.filter(
		(arg) => arg !== '--quick' && !/^--(only|runs|durability)=/.test(arg)
	);
	if (unknown.length > 0) throw new Error(`unknown options: ${unknown.join(' ')}`);
	const durability = (flag('durability') ?? 'relaxed') as Durability;
	if (!['relaxed', 'strict', 'default'].includes(durability)) {
		throw new Error(`--durability must be relaxed, strict or default, not ${durability}`);
	}
	const runs = Number(flag('runs') ?? (quick ? 3 : 10));
	if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number ≥ 1');
	return {
		quick,
		warmup: quick ? 1 : 2,
		runs,
		durability,
		catchUpRuns: Math.min(runs, 5),
		only: (flag('only') ?? '').split(',').filter(Boolean).map(Number),
		sizes: quick
			? {
					batch: 1_000,
					coldStart: [1_000, 10_000],
					rebuild: 10_000,
					longStream: 2_000,
					memory: 10_000,
					pushBatch: 500,
					catchUp: 2_000,
					newDevice: 10_000,
					pull: 10_000,
					backup: 10_000
				}
			: {
					batch: 1_000,
					coldStart: [1_000, 10_000, 100_000, 1_000_000],
					rebuild: 100_000,
					longStream: 10_000,
					memory: 100_000,
					pushBatch: 500,
					catchUp: 10_000,
					newDevice: 100_000,
					pull: 100_000,
					backup: 100_000
				}
	};
}
