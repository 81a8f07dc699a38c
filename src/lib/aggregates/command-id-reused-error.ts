import { ValidationError } from '../errors';

/** A command id already used for another change: each command needs its own. */
export function commandIdReusedError(commandId: string, changedStreamId: string): ValidationError {
	return new ValidationError(
		`Command ${commandId} already changed ${changedStreamId}; each command needs its own id.`,
		[{ path: ['commandId'], message: 'command id used for another record' }]
	);
}
