import { IllegalStateError, ValidationError } from '../errors';
import { eventTime, REWOUND, type ReadEvent, type RewoundData } from '../events';
import type { Decision, DomainEvent } from '../aggregates';
import type { StoredCommand } from '../eventstore';
import { assertUnsealed, type Sealing } from './seal';
import { UndoConflictError } from './undo-conflict-error';

export const REWIND_COMMAND = '$Rewind';

/** What a rewind is asked to do: return the record to `toVersion`, maybe as an undo or redo. */
export type RewindAim = {
	type: typeof REWIND_COMMAND;
	toVersion: number;
	undoes?: string;
	redoes?: string;
};

/**
 * The command stored with a rewind, so a rebase can re-aim it (DESIGN.md, sync client): pending
 * events get new versions when others' events land before them, so the target is kept by
 * identity too, with how many of others' changes the user knowingly reverted.
 */
export type RewindCommand = RewindAim & {
	/** The event at `toVersion` and the command that wrote it (absent for version 0). */
	toEventId?: string;
	toCommandId?: string;
	/** Others' events after the target when the rewind was decided: what the user chose to revert. */
	othersReverted: number;
	/**
	 * The person chose "Restore anyway" for it in the conflict inbox: it reverts whatever
	 * changes now lie on top of its target (`forceRewind`), though never across a seal.
	 */
	force?: true;
};

/**
 * The `$Rewound` decider's state: the stream from version 1 to its head, which is all a rewind
 * looks at (versions, event and command ids, who wrote each, the seals).
 */
export type RewindState = readonly ReadEvent[];

/**
 * Decides a rewind on the stream as seen at `expectedVersion`: refused, nothing written, when
 * `toVersion` is not a version before it (`ValidationError`) or lies before the record's last
 * seal (`SealedHistoryError`). Stores the aim by identity, for a rebase to re-aim.
 */
export function decideRewind(
	sealing: Sealing,
	streamId: string,
	aim: RewindAim,
	events: RewindState,
	expectedVersion: number,
	userId: string
): Decision {
	const { toVersion, undoes, redoes } = aim;
	if (!Number.isInteger(toVersion) || toVersion < 0 || toVersion >= expectedVersion) {
		throw new ValidationError(
			`A record at version ${expectedVersion} can only be restored to a version from 0 to ${expectedVersion - 1}.`,
			[{ path: ['toVersion'], message: 'version out of range' }]
		);
	}
	const seen = events.slice(0, expectedVersion);
	assertUnsealed(sealing, streamId, seen, toVersion);
	const data = { toVersion, ...(undoes ? { undoes } : {}), ...(redoes ? { redoes } : {}) };
	const target = seen.find((event) => event.version === toVersion);
	const stored: RewindCommand = {
		type: REWIND_COMMAND,
		...data,
		...(target ? { toEventId: target.eventId, toCommandId: target.metadata.commandId } : {}),
		othersReverted: seen.filter(
			(event) => event.version > toVersion && event.metadata.userId !== userId
		).length
	};
	return { events: [{ type: REWOUND, data }], stored };
}

/**
 * A stored rewind aimed again at the change it meant, on the stream as a rebase now sees it. A
 * seal that arrived meanwhile and now lies after its target refuses it first (into the inbox,
 * in the domain's words): no rewind crosses a seal, whoever would be reverted. Decides nothing
 * when the change it undid or redid is gone.
 */
export function redecideRewind(
	sealing: Sealing,
	streamId: string,
	command: RewindCommand,
	events: RewindState,
	userId: string
): DomainEvent[] {
	const unsealed = (toVersion: number) => assertUnsealed(sealing, streamId, events, toVersion);
	const others = (after: number) =>
		events.filter((event) => event.version > after && event.metadata.userId !== userId);
	const refuse = (event: ReadEvent | undefined) => {
		if (event && !command.force)
			throw new UndoConflictError(
				streamId,
				event.recordedBy ?? event.metadata.userId,
				eventTime(event)
			);
	};
	const rewound = (toVersion: number, data: Partial<RewoundData>) => [
		{ type: REWOUND, data: { toVersion, ...data } }
	];

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

/**
 * An inbox entry's rewind as the person chose it with "Restore anyway": decided again, it
 * reverts others' later changes too (never across a seal). Any other command is left as it is.
 */
export function forceRewind(stored: StoredCommand): StoredCommand {
	if (stored.command.type !== REWIND_COMMAND) return stored;
	return { ...stored, command: { ...stored.command, force: true } };
}

/** The version the restore aimed at, found by the event's identity, else its command's. */
function findTarget(command: RewindCommand, events: RewindState): number | undefined {
	if (!command.toEventId) return 0;
	const byId = events.find((event) => event.eventId === command.toEventId);
	if (byId) return byId.version;
	return events.findLast((event) => event.metadata.commandId === command.toCommandId)?.version;
}
