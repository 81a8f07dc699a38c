import { summarise, type Summary } from './stats';

export interface Contestant {
	name: string;
	/** One run; returns the measured value (ms unless the case says otherwise). */
	run: (round: number) => Promise<number>;
}

export interface Rounds {
	warmup: number;
	runs: number;
	/** Called before every round (warm-up or measured), e.g. to seed a fresh database. */
	before?: (round: number) => Promise<void>;
	after?: (round: number) => Promise<void>;
}

/**
 * Warm-up rounds, then measured rounds. Every round runs each contestant once, in an order
 * that rotates from round to round, so that no contestant always goes first or last.
 */
export async function measure(
	contestants: Contestant[],
	rounds: Rounds
): Promise<Map<string, Summary>> {
	const samples = new Map(contestants.map((c) => [c.name, [] as number[]]));
	const total = rounds.warmup + rounds.runs;
	for (let round = 0; round < total; round++) {
		await rounds.before?.(round);
		for (let i = 0; i < contestants.length; i++) {
			const contestant = contestants[(i + round) % contestants.length]!;
			const value = await contestant.run(round);
			if (round >= rounds.warmup) samples.get(contestant.name)!.push(value);
		}
		await rounds.after?.(round);
	}
	return new Map(Array.from(samples, ([name, values]) => [name, summarise(values)]));
}
