import { z } from 'zod';
import { createEventRegistry, defineEventType } from '../../events';

/** Two small event types for the server's own tests: the server knows no domain. */
export const counterIncremented = defineEventType({
	type: 'CounterIncremented',
	schema: z.strictObject({ by: z.number().int().positive() })
});

/** v1 `{text}` → v2 `{title}`: a pushed v1 event must be upcast to be checked. */
export const noteWritten = defineEventType({
	type: 'NoteWritten',
	schema: z.strictObject({ title: z.string().min(1) }),
	history: [
		{
			schema: z.strictObject({ text: z.string() }),
			upcast: (data: { text: string }) => ({ title: data.text })
		}
	]
});

export const testRegistry = createEventRegistry([counterIncremented, noteWritten]);
