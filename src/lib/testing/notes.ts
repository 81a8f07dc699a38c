import { z } from 'zod';
import { defineEventType } from '../events';

// The fixture domain's notes: event types with a schema history, for upcasting on read and on
// push. A note has no aggregate: its events are written to the log directly.
export const noteEvents = {
	/** v1 `{text}` → v2 `{title}`: a pushed or stored v1 event is upcast before it is checked. */
	NoteWritten: defineEventType({
		type: 'NoteWritten',
		schema: z.strictObject({ title: z.string().min(1) }),
		history: [
			{
				schema: z.strictObject({ text: z.string() }),
				upcast: (data: { text: string }) => ({ title: data.text })
			}
		]
	}),
	/** Two steps of history: v1 `{name}` → v2 `{title}` → v3 `{title, language}`. */
	NoteRenamed: defineEventType({
		type: 'NoteRenamed',
		schema: z.strictObject({ title: z.string().min(1), language: z.string().length(2) }),
		history: [
			{
				schema: z.strictObject({ name: z.string() }),
				upcast: (data: { name: string }) => ({ title: data.name })
			},
			{
				schema: z.strictObject({ title: z.string().min(1) }),
				upcast: (data: { title: string }) => ({ title: data.title, language: 'en' })
			}
		]
	})
};
