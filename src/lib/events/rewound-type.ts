/**
 * The name of the system event undo, redo and restore append, and its current schemaVersion.
 * Apart from its schema (`rewound.ts`), so that reading and folding the log needs no zod.
 */
export const REWOUND = '$Rewound';

export const REWOUND_LATEST_VERSION = 1;
