/**
 * The stretch of a record's history one command wrote, as an undo stack remembers it: from the
 * stream's version before the command to the version after it (equal when it changed nothing).
 */
export interface RecordedChange {
	streamId: string;
	commandId: string;
	before: number;
	after: number;
}

/** The change of `eventCount` events ending at `version`. */
export function changeOf(
	streamId: string,
	commandId: string,
	version: number,
	eventCount: number
): RecordedChange {
	return { streamId, commandId, before: version - eventCount, after: version };
}
