import { IllegalStateError } from '../../errors';
import type { CommandContext } from '../../aggregates/command-context';
import type { IssueNumber, NameSeries, SeriesCommand } from './commands';
import { SERIES_NUMBER_MAX, type SeriesEvent } from './events';
import type { SeriesState } from './state';

export function decideSeries(
	command: SeriesCommand,
	state: SeriesState,
	context: CommandContext
): SeriesEvent[] {
	switch (command.type) {
		case 'IssueNumber':
			return issueNumber(command, state);
		case 'NameSeries':
			return nameSeries(command, state, context);
		default: {
			const unhandled: never = command;
			throw new Error(`Unknown series command ${(unhandled as SeriesCommand).type}`);
		}
	}
}

// The next number follows the last one the stream holds: the append's version check makes two
// tabs that both read number 41 issue 42 once, and the other decides again and gets 43.
function issueNumber({ recordId }: IssueNumber, state: SeriesState): SeriesEvent[] {
	const number = state.lastNumber + 1;
	if (number > SERIES_NUMBER_MAX) {
		throw new IllegalStateError('This device has issued every number its series can hold.');
	}
	return [{ type: 'NumberIssued', data: { number, recordId } }];
}

// Two tabs that both asked the server name the series with the same prefix: the second finds
// it named and records nothing.
function nameSeries(
	{ prefix }: NameSeries,
	state: SeriesState,
	context: CommandContext
): SeriesEvent[] {
	if (state.status === 'named') {
		if (state.prefix === prefix) return [];
		throw new IllegalStateError(
			`This device's numbers already start with ${state.prefix}; they can't change to ${prefix}.`
		);
	}
	return [{ type: 'SeriesNamed', data: { prefix, namedAt: context.now.toISOString() } }];
}
