import type { ReadEvent } from './envelope';
import type { RewoundData } from './rewound';
import { REWOUND } from './rewound-type';

export interface VersionedState<State> {
	state: State;
	version: number;
}

/** Method syntax on purpose: it lets an aggregate of specific events be passed here. */
export interface Evolver<State> {
	evolve(state: State, event: { type: string; data: unknown }): State;
}

/**
 * Folds events onto a state known at `base.version`. `$Rewound{toVersion}` sets the state back
 * to what it was at `toVersion`; events of types this build does not know are skipped.
 * Returns `undefined` when a rewind reaches below `base`: the caller must fold from the start.
 */
export function foldStream<State>(
	aggregate: Evolver<State>,
	base: VersionedState<State>,
	events: readonly ReadEvent[]
): VersionedState<State> | undefined {
	// States by version since base; evolve returns new objects, so these are references, not copies.
	const states: State[] = [base.state];
	let state = base.state;
	let version = base.version;
	for (const event of events) {
		if (event.type === REWOUND) {
			const { toVersion } = event.data as RewoundData;
			if (toVersion < base.version) return undefined;
			// A rewind can only point back; anything else is ignored rather than making the record unreadable.
			if (toVersion < event.version) state = states[toVersion - base.version]!;
		} else if (!event.unknownType) {
			state = aggregate.evolve(state, event);
		}
		version = event.version;
		states.push(state);
	}
	return { state, version };
}

/**
 * The state after every event of a whole stream, in order, rewinds resolved: for views that
 * show each step (a statement, a chart), in one pass.
 */
export function foldSteps<State>(
	aggregate: Evolver<State>,
	initialState: State,
	events: readonly ReadEvent[]
): { event: ReadEvent; state: State }[] {
	const states: State[] = [initialState];
	return events.map((event) => {
		const previous = states.at(-1) as State;
		let state: State = previous;
		if (event.type === REWOUND) {
			const { toVersion } = event.data as RewoundData;
			if (toVersion < event.version && toVersion in states) state = states[toVersion] as State;
		} else if (!event.unknownType) {
			state = aggregate.evolve(previous, event);
		}
		states[event.version] = state;
		return { event, state };
	});
}
