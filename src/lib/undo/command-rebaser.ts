import type { AnyAggregate } from '../aggregates';
import { IllegalStateError } from '../errors';
import type { Redecide } from '../eventstore';
import type * as RedecideModule from './redecide-command';

/**
 * Decides stored commands again on a stream's current events, for the sync client's rebase and
 * a restore (`redecide-command.ts`). Throws with a message for the inbox when a command no
 * longer fits. It is what sync's `CommandRebaser` asks for; undo does not import sync. The
 * deciding code loads with the aggregates' schemas in `prepare`, which every caller awaits
 * before its transaction: a first visit, which rebases nothing, never carries it.
 */
export function createCommandRebaser(aggregates: readonly AnyAggregate[]): {
	redecide: Redecide;
	prepare(): Promise<void> | undefined;
} {
	const byCategory = new Map(aggregates.map((aggregate) => [aggregate.category, aggregate]));
	let loaded: typeof RedecideModule | undefined;
	return {
		prepare() {
			const waits: Promise<unknown>[] = aggregates.flatMap(
				(aggregate) => aggregate.prepare?.() ?? []
			);
			if (!loaded) waits.push(import('./redecide-command').then((module) => (loaded = module)));
			return waits.length > 0 ? Promise.all(waits).then(() => undefined) : undefined;
		},
		redecide(stored, events) {
			if (!loaded) throw new IllegalStateError('The rebaser decides only after prepare().');
			return loaded.redecideCommand(byCategory, stored, events);
		}
	};
}
