import type { RewindDatabase } from './database';

/**
 * What only the store's own modules and tests reach: the database and the change feed's
 * announce. A facet loaded apart from the store (the inspector's `StoreInspect`) finds them here.
 */
export interface StoreInternals {
	db: RewindDatabase;
	announce: (streamIds: string[], rewritten: boolean) => void;
}

const internals = new WeakMap<object, StoreInternals>();

export function registerInternals(store: object, parts: StoreInternals): void {
	internals.set(store, parts);
}

/** The internals of a store this module registered; for `eventstore/testing.ts` and facets. */
export function internalsOf(store: object): StoreInternals {
	const found = internals.get(store);
	if (!found) throw new Error('Not an EventStore.');
	return found;
}
