import { ValidationError } from '../errors';
import { REWOUND, type StoredEvent } from '../events';
import type { EventStore } from '../eventstore';
import type { CommandContextInput } from '../aggregates';

export interface RewindRequest {
	streamId: string;
	/** The version whose state the record returns to. */
	toVersion: number;
	/** The stream's head this rewind was decided on. */
	expectedVersion: number;
	undoes?: string;
	redoes?: string;
}

/**
 * The command stored with a rewind, so a rebase can re-aim it (DESIGN.md, sync client): pending
 * events get new versions when others' events land before them, so the target is kept by
 * identity too, with how many of others' changes the user knowingly reverted.
 */
export type RewindCommand = {
	type: '$Rewind';
	toVersion: number;
	undoes?: string;
	redoes?: string;
	/** The event at `toVersion` and the command that wrote it (absent for version 0). */
	toEventId?: string;
	toCommandId?: string;
	/** Others' events after the target when the rewind was decided: what the user chose to revert. */
	othersReverted: number;
};

export const REWIND_COMMAND = '$Rewind';

/**
 * Appends `$Rewound`: the record's state becomes exactly what it was at `toVersion`. Nothing is
 * deleted, so the history keeps both the change and its undoing.
 */
export async function rewind(
	store: EventStore,
	request: RewindRequest,
	contextInput: CommandContextInput
): Promise<StoredEvent> {
	const { streamId, toVersion, expectedVersion, undoes, redoes } = request;
	if (!Number.isInteger(toVersion) || toVersion < 0 || toVersion >= expectedVersion) {
		throw new ValidationError(
			`A record at version ${expectedVersion} can only be restored to a version from 0 to ${expectedVersion - 1}.`,
			[{ path: ['toVersion'], message: 'version out of range' }]
		);
	}
	const commandId = contextInput.commandId ?? crypto.randomUUID();
	const correlationId = contextInput.correlationId ?? commandId;
	const now = contextInput.now ?? new Date();
	const data = { toVersion, ...(undoes ? { undoes } : {}), ...(redoes ? { redoes } : {}) };
	const seen = await store.readStream(streamId, { toVersion: expectedVersion });
	const target = seen.find((event) => event.version === toVersion);
	const command: RewindCommand = {
		type: '$Rewind',
		...data,
		...(target ? { toEventId: target.eventId, toCommandId: target.metadata.commandId } : {}),
		othersReverted: seen.filter(
			(event) => event.version > toVersion && event.metadata.userId !== contextInput.userId
		).length
	};
	const { events } = await store.append(
		streamId,
		[
			{
				type: REWOUND,
				data,
				metadata: {
					commandId,
					correlationId,
					userId: contextInput.userId,
					deviceId: contextInput.deviceId,
					occurredAt: now.toISOString()
				}
			}
		],
		{
			expectedVersion,
			command: {
				commandId,
				command,
				correlationId,
				userId: contextInput.userId,
				deviceId: contextInput.deviceId,
				issuedAt: now.toISOString(),
				decidedAtVersion: expectedVersion
			}
		}
	);
	return events[0]!;
}
