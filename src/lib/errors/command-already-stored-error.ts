import { RewindError } from './rewind-error';

/**
 * Thrown by `EventStore.append` when the command it stores is already in the log on this
 * device (pending or synced); nothing was written. `AggregateRepository.execute` and `rewind`
 * answer it with the first run's result, so running a command twice is one change.
 */
export class CommandAlreadyStoredError extends RewindError {
	readonly code = 'command_already_stored';

	constructor(
		readonly commandId: string,
		/** The stream the command's events are in. */
		readonly streamId: string
	) {
		super(`Command ${commandId} is already stored on this device (in ${streamId}).`);
	}
}

export function isCommandAlreadyStoredError(error: unknown): error is CommandAlreadyStoredError {
	return error instanceof CommandAlreadyStoredError;
}
