import type { AggregateRepository, CommandResult, DomainCommand, DomainEvent } from '../aggregates';
import { rewindApp } from './rewind-app';

export interface PerformOptions {
	/**
	 * The id made when the person started the action (a form shown, a button armed): running
	 * the same id again is the same change, so a double-click or double Enter happens once.
	 */
	commandId?: string;
}

/**
 * Runs a command for the person at the screen and remembers it for Ctrl+Z. Throws the typed
 * error for the form to show; nothing is written when it does.
 */
export async function perform<State, Command extends DomainCommand, Event extends DomainEvent>(
	repository: AggregateRepository<State, Command, Event>,
	streamId: string,
	command: unknown,
	label: string,
	options: PerformOptions = {}
): Promise<CommandResult<State>> {
	const app = rewindApp();
	return app.undo.perform(label, () =>
		repository.execute(streamId, command, {
			...app.identity(),
			...(options.commandId ? { commandId: options.commandId } : {})
		})
	);
}
