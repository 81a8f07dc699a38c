import type { z } from 'zod';

/** One superseded shape of an event's data and how to lift it to the next version. */
export interface EventSchemaHistory {
	schema: z.ZodType;
	/** Turns data valid for this version into data of the next version. */
	upcast: (data: never) => unknown;
}

export interface EventType<Type extends string = string, Schema extends z.ZodType = z.ZodType> {
	type: Type;
	/** The current shape; its schemaVersion is `history.length + 1`. */
	schema: Schema;
	/** Older shapes, oldest first: history[0] is schemaVersion 1. Never delete an entry. */
	history: readonly EventSchemaHistory[];
	latestVersion: number;
}

/**
 * Declares an event type: a past-tense name, the zod schema of its data, and every older
 * schema with its upcaster. Changing a schema in place breaks stored events; add a version.
 */
export function defineEventType<const Type extends string, Schema extends z.ZodType>(definition: {
	type: Type;
	schema: Schema;
	history?: readonly EventSchemaHistory[];
}): EventType<Type, Schema> {
	const history = definition.history ?? [];
	return {
		type: definition.type,
		schema: definition.schema,
		history,
		latestVersion: history.length + 1
	};
}

/** The `{ type, data }` an event type describes, in its latest shape. */
export type EventOf<T extends EventType> =
	T extends EventType<infer Type, infer Schema> ? { type: Type; data: z.output<Schema> } : never;

/** The union of `{ type, data }` for a map of event types. */
export type EventsOf<Types extends Record<string, EventType>> = {
	[K in keyof Types]: EventOf<Types[K]>;
}[keyof Types];
