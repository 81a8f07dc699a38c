import type { StoredEvent } from '../events';

/**
 * A place in the canonical order of the log (DESIGN.md invariant 3): every synced event up to
 * `position`, then every pending event up to local `seq`.
 */
export interface LogCursor {
	position: number;
	seq: number;
}

export const LOG_START: LogCursor = Object.freeze({ position: 0, seq: 0 });

/** The cursor just after `events`, read in canonical order from `from`. */
export function cursorAfter(
	events: readonly Pick<StoredEvent, 'position' | 'seq' | 'sync'>[],
	from: LogCursor = LOG_START
): LogCursor {
	let { position, seq } = from;
	for (const event of events) {
		if (event.sync === 'synced' && event.position !== undefined) position = event.position;
		else seq = event.seq;
	}
	return { position, seq };
}
