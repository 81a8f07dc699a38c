import {
	REWOUND,
	categoryOf,
	eventTime,
	foldSteps,
	type ReadEvent,
	type RewoundData
} from '../events';
import type { AccountState } from './accounts/state';
import type { CustomerState } from './customers/state';
import { describeAction, describeEvent, type DescribeOptions } from './describe-event';
import { domainAggregates } from './event-types';
import type { OrderState } from './orders/state';
import type { SeriesState } from './series/state';

export interface DescribeStreamOptions {
	locale?: string;
	timeZone?: string;
}

type RecordState = OrderState | AccountState | SeriesState | CustomerState;

/**
 * Words for every event of one record by event id, each describing the record as it was just
 * before it: a removed item keeps the name it had then, an undo names what it undid. `events`
 * is the record's stream from version 1, in order; it may stop before the head.
 */
export function describeStream(
	events: readonly ReadEvent[],
	options: DescribeStreamOptions = {}
): Map<string, string> {
	const words = new Map<string, string>();
	const first = events[0];
	if (!first) return words;
	const aggregate = domainAggregates.find(
		({ category }) => category === categoryOf(first.streamId)
	);
	const initial: RecordState = aggregate?.initialState() ?? { status: 'none' };
	const steps = aggregate
		? foldSteps<RecordState>(aggregate, initial, events)
		: events.map((event) => ({ event, state: initial }));

	// Every line ever added, for the rare event about a line the state before it no longer has.
	const everAdded = new Map<string, string>();
	const actions = new Map<string, string>();
	const eventsOfCommand = new Map<string, ReadEvent[]>();
	const byVersion = new Map<number, ReadEvent>();
	steps.forEach(({ event }, index) => {
		const before = index === 0 ? initial : steps[index - 1]!.state;
		const context: DescribeOptions = { ...options, ...recordContext(before, everAdded) };
		if (event.type === REWOUND)
			context.rewind = rewindContext(event, eventsOfCommand, actions, byVersion);
		words.set(event.eventId, describeEvent(event, context));
		actions.set(event.eventId, describeAction(event, context));

		const commandEvents = eventsOfCommand.get(event.metadata.commandId) ?? [];
		eventsOfCommand.set(event.metadata.commandId, [...commandEvents, event]);
		byVersion.set(event.version, event);
		if (event.type === 'ItemAdded') {
			const { lineId, name } = event.data as { lineId: string; name: string };
			everAdded.set(lineId, name);
		}
	});
	return words;
}

/** The currency and the item names the record had. */
function recordContext(
	state: RecordState,
	everAdded: ReadonlyMap<string, string>
): Pick<DescribeOptions, 'currency' | 'lineNames'> {
	if (!('currency' in state)) return { lineNames: everAdded };
	const lineNames = new Map(everAdded);
	if ('items' in state) for (const line of state.items) lineNames.set(line.lineId, line.name);
	return { currency: 'currency' in state ? state.currency : undefined, lineNames };
}

function rewindContext(
	event: ReadEvent,
	eventsOfCommand: ReadonlyMap<string, ReadEvent[]>,
	actions: ReadonlyMap<string, string>,
	byVersion: ReadonlyMap<number, ReadEvent>
): DescribeOptions['rewind'] {
	const data = event.data as RewoundData;
	const target = data.undoes ?? data.redoes;
	if (target) {
		const undone = eventsOfCommand.get(target) ?? [];
		const action = undone.map(({ eventId }) => actions.get(eventId)).join(', ');
		return action ? { action } : {};
	}
	const to = byVersion.get(data.toVersion);
	return to ? { toTime: eventTime(to) } : {};
}
