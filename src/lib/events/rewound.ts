import { z } from 'zod';
import { defineEventType } from './define-event-type';

export const REWOUND = '$Rewound';

/**
 * The system event undo, redo and restore append: the state after it is exactly the state
 * the stream had at `toVersion` (DESIGN.md, "Undo is a rewind").
 */
export const rewound = defineEventType({
	type: REWOUND,
	schema: z.strictObject({
		toVersion: z.number().int().nonnegative(),
		undoes: z.string().min(1).optional(),
		redoes: z.string().min(1).optional()
	})
});

export type RewoundData = z.output<typeof rewound.schema>;
