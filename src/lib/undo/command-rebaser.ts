import { eventInputsOf, type AnyAggregate, type CommandContext } from '../aggregates';
import { commandValidationError } from '../aggregates';
import { IllegalStateError } from '../errors';
import {
	categoryOf,
	eventTime,
	foldStream,
	REWOUND,
	type EventInput,
	type ReadEvent,
	type RewoundData
} from '../events';
import type { CommandRebaser, StoredCommand } from '../eventstore';
import { REWIND_COMMAND, type RewindCommand } from './rewind';
import { assertUnsealed, type Sealing } from './seal';
import { UndoConflictError } from './undo-conflict-error';

/**
 * Decides stored commands again on a stream's current events, for the sync client's rebase:
 * an aggregate's command through its `decide`, and an undo, redo or restore by finding again
 * the change it aimed at. Throws with a message for the inbox when a command no longer fits.
 */
export function createCommandRebaser(aggregates: readonly AnyAggregate[]): CommandRebaser {
	const byCategory = new Map(aggregates.map((aggregate) => [aggregate.category, aggregate]));
	return {
		redecide(stored, events) {
			const context = contextOf(stored);
			const aggregate = byCategory.get(categoryOf(stored.streamId));
			if (stored.command.type === REWIND_COMMAND) {
				const command = stored.command as unknown as RewindCommand;
				return redecideRewind(command, stored, events, context, aggregate ?? UNSEALED);
			}
			if (!aggregate) {
				throw new IllegalStateError(
					'This change belongs to a kind of record this app does not know.'
				);
			}
			const parsed = aggregate.commandSchema.safeParse(stored.command);
			if (!parsed.success) throw commandValidationError(parsed.error);
			const base = { state: aggregate.initialState() as unknown, version: 0 };
			const state: unknown = foldStream<unknown>(aggregate, base, events)!.state;
			return eventInputsOf(aggregate.decide(parsed.data, state, context), context);
		}
	};
}

function contextOf(stored: StoredCommand): CommandContext {
	return {
		commandId: stored.commandId,
		correlationId: stored.correlationId,
		...(stored.causationId ? { causationId: stored.causationId } : {}),
		userId: stored.userId,
		deviceId: stored.deviceId,
		// The time the user issued it: a rebase changes where a command lands, not when it was made.
		now: new Date(stored.issuedAt)
	};
}

/** A kind of record this app does not know declares no seals. */
const UNSEALED: Sealing = { sealedBy: [] };

/**
 * A rewind aimed again at the change it meant. A seal that arrived meanwhile and now lies after
 * its target refuses it first (into the inbox, in the domain's words): no rewind crosses a seal,
 * whoever would be reverted.
 */
function redecideRewind(
	command: RewindCommand,
	stored: StoredCommand,
	events: readonly ReadEvent[],
	context: CommandContext,
	sealing: Sealing
): EventInput[] {
	const unsealed = (toVersion: number) =>
		assertUnsealed(sealing, stored.streamId, events, toVersion);
	const others = (after: number) =>
		events.filter((event) => event.version > after && event.metadata.userId !== stored.userId);
	const refuse = (event: ReadEvent | undefined) => {
		if (event)
			throw new UndoConflictError(
				stored.streamId,
				event.recordedBy ?? event.metadata.userId,
				eventTime(event)
			);
	};
	const rewound = (toVersion: number, data: Partial<RewoundData>) =>
		eventInputsOf([{ type: REWOUND, data: { toVersion, ...data } }], context);

	if (command.undoes) {
		const undone = events.filter((event) => event.metadata.commandId === command.undoes);
		// The change it undid is gone (it went to the inbox, or was discarded): nothing to undo.
		if (undone.length === 0) return [];
		unsealed(undone[0]!.version - 1);
		refuse(others(undone.at(-1)!.version).at(-1));
		return rewound(undone[0]!.version - 1, { undoes: command.undoes });
	}
	if (command.redoes) {
		const undo = events.findLast(
			(event) => event.type === REWOUND && (event.data as RewoundData).undoes === command.redoes
		);
		if (!undo) return [];
		unsealed(undo.version - 1);
		refuse(others(undo.version).at(-1));
		return rewound(undo.version - 1, { redoes: command.redoes });
	}

	const target = findTarget(command, events);
	if (target === undefined) {
		throw new IllegalStateError('The version you restored to is no longer part of this record.');
	}
	unsealed(target);
	// Others' changes that now land after the target would be reverted without the user having
	// seen them: more of them than the user chose to revert is a conflict.
	const reverted = others(target);
	if (reverted.length > command.othersReverted) refuse(reverted.at(-1));
	return rewound(target, {});
}

/** The version the restore aimed at, found by the event's identity, else its command's. */
function findTarget(command: RewindCommand, events: readonly ReadEvent[]): number | undefined {
	if (!command.toEventId) return 0;
	const byId = events.find((event) => event.eventId === command.toEventId);
	if (byId) return byId.version;
	return events.findLast((event) => event.metadata.commandId === command.toCommandId)?.version;
}
