import { z } from 'zod';
import { defineEventType } from './define-event-type';
import { MAX_ID_LENGTH } from './envelope-limits';
import { REWOUND } from './rewound-type';

export { REWOUND };

/** Versions are stored as PostgreSQL `integer` (the wire's `MAX_VERSION`). */
const MAX_TO_VERSION = 2_147_483_647;

/** `undoes` and `redoes` name a command: they are bounded as the envelope's commandId is. */
const commandId = z.string().min(1).max(MAX_ID_LENGTH);

/**
 * The system event undo, redo and restore append: the state after it is exactly the state
 * the stream had at `toVersion` (DESIGN.md, "Undo is a rewind").
 */
export const rewound = defineEventType({
	type: REWOUND,
	schema: z.strictObject({
		toVersion: z.number().int().nonnegative().max(MAX_TO_VERSION),
		undoes: commandId.optional(),
		redoes: commandId.optional()
	})
});

export type RewoundData = z.output<typeof rewound.schema>;
