import type { ReadModelEntry } from '../eventstore';
import type { Projection } from './define-projection';

/** A list's running sums, as a read model keeps them: how many rows, per group, and its own sums. */
export interface ListTallies {
	/** Listed rows. */
	count: number;
	/** Listed rows per group. */
	groups: Readonly<Record<string, number>>;
	/** The projection's `list.sums`, added up over the listed rows. */
	sums: Readonly<Record<string, number>>;
}

const COUNT = 'count';
const GROUP = 'count:';
const SUM = 'sum:';

/** What one stored row adds to its model's tallies: nothing unless it is listed. */
export function tallyOf<Row>(
	projection: Projection<Row>,
	entry: ReadModelEntry<Row>
): Record<string, number> {
	if (entry.order === undefined) return {};
	const tally: Record<string, number> = { [COUNT]: 1, [`${GROUP}${entry.group ?? ''}`]: 1 };
	for (const [name, value] of Object.entries(projection.list?.sums?.(entry.row) ?? {})) {
		tally[`${SUM}${name}`] = value;
	}
	return tally;
}

/** Adds (sign 1) or takes away (sign -1) a row's tally; sums that reach zero are dropped. */
export function addTallies(
	tallies: Record<string, number>,
	tally: Record<string, number>,
	sign: 1 | -1
): void {
	for (const [name, value] of Object.entries(tally)) {
		const sum = (tallies[name] ?? 0) + sign * value;
		if (sum === 0) delete tallies[name];
		else tallies[name] = sum;
	}
}

export function readTallies(tallies: Readonly<Record<string, number>> = {}): ListTallies {
	const groups: Record<string, number> = {};
	const sums: Record<string, number> = {};
	for (const [name, value] of Object.entries(tallies)) {
		if (name.startsWith(GROUP)) groups[name.slice(GROUP.length)] = value;
		else if (name.startsWith(SUM)) sums[name.slice(SUM.length)] = value;
	}
	return { count: tallies[COUNT] ?? 0, groups, sums };
}
