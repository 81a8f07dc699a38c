import { z } from 'zod';
import { defineEventType, type EventsOf } from '../events';

// The fixture domain's counter events, apart from its aggregate: the event store's tests and
// the registry need only the types, not the aggregates layer above the store.
export const counterEvents = {
	Incremented: defineEventType({
		type: 'Incremented',
		schema: z.strictObject({ by: z.number().int().positive() })
	}),
	Reset: defineEventType({ type: 'Reset', schema: z.strictObject({}) }),
	// Seals the counter's history: no rewind goes back before it.
	Closed: defineEventType({ type: 'Closed', schema: z.strictObject({}) }),
	// A note, taken even when closed: how a sealed record still changes, by a new command.
	Annotated: defineEventType({ type: 'Annotated', schema: z.strictObject({ text: z.string() }) })
};

export type CounterEvent = EventsOf<typeof counterEvents>;
