import { isDeepStrictEqual } from 'node:util';
import type { EventMetadata, ReadEvent } from '../events';
import { commandsOf, type Reaction, type ReactionCommand } from './define-reaction';

/** The event a spec reacts to: its type and data, and the rest where it matters. */
export interface SpecEvent {
	type: string;
	data: unknown;
	streamId?: string;
	version?: number;
	metadata?: Partial<EventMetadata>;
}

const defaultMetadata: EventMetadata = {
	commandId: 'command-1',
	correlationId: 'correlation-1',
	userId: 'user-1',
	deviceId: 'device-1',
	occurredAt: '2026-01-02T03:04:05.000Z'
};

/**
 * Given/when/then for a reaction, in the style of the decider specs (`deciderSpec`), no storage:
 * `reactionSpec(charge).given(orderState).when(submitted).then([{ streamId, command }])`.
 * What the runner adds (ids, causation, running once) is the runner's to test.
 */
export function reactionSpec<State>(reaction: Reaction<State>) {
	return {
		given(state: State) {
			return {
				when(event: SpecEvent) {
					const read: ReadEvent = {
						eventId: 'event-1',
						streamId: event.streamId ?? 'record-1',
						version: event.version ?? 1,
						type: event.type,
						schemaVersion: 1,
						data: event.data,
						metadata: { ...defaultMetadata, ...event.metadata },
						seq: 1,
						sync: 'pending'
					};
					const run = () =>
						reaction.on.includes(event.type) ? commandsOf(reaction.react(read, state)) : [];
					return {
						then(expected: readonly ReactionCommand[]) {
							expectCommands(run(), expected);
						},
						thenNothing() {
							expectCommands(run(), []);
						}
					};
				}
			};
		},
		/** The compensation for one of its commands refused with `reason`. */
		whenRefused(command: ReactionCommand, reason: string) {
			return {
				then(expected: readonly ReactionCommand[]) {
					const refused = {
						commandId: 'command-2',
						streamId: command.streamId,
						command: command.command,
						correlationId: 'correlation-1',
						userId: 'user-1',
						deviceId: 'device-1',
						issuedAt: defaultMetadata.occurredAt,
						decidedAtVersion: 0,
						eventIds: [],
						reaction: { name: reaction.name, causeCommandId: 'command-1' }
					};
					expectCommands(commandsOf(reaction.refused?.(refused, reason)), expected);
				}
			};
		}
	};
}

function expectCommands(actual: readonly ReactionCommand[], expected: readonly ReactionCommand[]) {
	if (!isDeepStrictEqual(actual, expected)) {
		throw new Error(
			`Expected commands\n${JSON.stringify(expected, null, 2)}\nbut got\n${JSON.stringify(actual, null, 2)}`
		);
	}
}
