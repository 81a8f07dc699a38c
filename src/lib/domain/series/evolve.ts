import type { SeriesEvent } from './events';
import type { SeriesState } from './state';

export function evolveSeries(state: SeriesState, event: SeriesEvent): SeriesState {
	switch (event.type) {
		case 'NumberIssued':
			return { ...state, lastNumber: event.data.number };
		case 'SeriesNamed':
			return { status: 'named', prefix: event.data.prefix, lastNumber: state.lastNumber };
		default: {
			const unhandled: never = event;
			throw new Error(`Unknown series event ${(unhandled as SeriesEvent).type}`);
		}
	}
}
