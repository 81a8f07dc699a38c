import type { EventMetadata } from '../events';
import type { ReactionLink, StoredCommand } from '../eventstore';
import type { CommandContext } from './command-context';

/** A command's payload as it is kept: its type and its parsed fields. */
export type CommandPayload = { type: string } & Record<string, unknown>;

/**
 * A command as issued: who, on which device, when, why (correlation, causation), and what. The
 * decide context, the events' metadata and the stored command are all read off it, so a
 * command is described once, whether it runs now, is rewound or is decided again by a rebase.
 */
export interface IssuedCommand<Command = CommandPayload> {
	commandId: string;
	correlationId: string;
	causationId?: string;
	/** Set when a reaction issued it (see `ReactionLink`). */
	reaction?: ReactionLink;
	userId: string;
	deviceId: string;
	issuedAt: Date;
	command: Command;
}

/** What a caller knows when issuing a command; ids and time default to fresh ones. */
export type CommandContextInput = Pick<CommandContext, 'userId' | 'deviceId'> &
	Partial<CommandContext> & { reaction?: ReactionLink };

/** The command with its context filled in: a fresh id, its own correlation, now. */
export function issueCommand<Command>(
	command: Command,
	input: CommandContextInput
): IssuedCommand<Command> {
	const commandId = input.commandId ?? crypto.randomUUID();
	const correlationId = input.correlationId ?? commandId;
	return {
		...provenanceOf({ ...input, commandId, correlationId }),
		...(input.reaction ? { reaction: input.reaction } : {}),
		issuedAt: input.now ?? new Date(),
		command
	};
}

/** Who issued a command, on which device, and why: what every form of it carries alike. */
type Provenance = Pick<
	IssuedCommand,
	'commandId' | 'correlationId' | 'causationId' | 'userId' | 'deviceId'
>;

function provenanceOf(source: Provenance): Provenance {
	return {
		commandId: source.commandId,
		correlationId: source.correlationId,
		...(source.causationId ? { causationId: source.causationId } : {}),
		userId: source.userId,
		deviceId: source.deviceId
	};
}

/** What `decide` may depend on besides the state. */
export function contextOf(issued: IssuedCommand<unknown>): CommandContext {
	return { ...provenanceOf(issued), now: issued.issuedAt };
}

/** The metadata every event the command decides carries. */
export function metadataOf(issued: IssuedCommand<unknown>): EventMetadata {
	return { ...provenanceOf(issued), occurredAt: issued.issuedAt.toISOString() };
}

/**
 * The command as the store keeps it with its events, decided on the stream at
 * `decidedAtVersion`; `command` when what is kept is not the issued payload (a rewind's aim).
 */
export function storedCommandOf(
	issued: IssuedCommand<unknown>,
	decidedAtVersion: number,
	command = issued.command as CommandPayload
): Omit<StoredCommand, 'eventIds' | 'streamId'> {
	return {
		...provenanceOf(issued),
		...(issued.reaction ? { reaction: issued.reaction } : {}),
		command,
		issuedAt: issued.issuedAt.toISOString(),
		decidedAtVersion
	};
}

/**
 * A stored command as issued, for a rebase to decide it again: at the time the user issued it,
 * since a rebase changes where a command lands, not when it was made.
 */
export function issuedOf(stored: StoredCommand): IssuedCommand {
	return {
		...provenanceOf(stored),
		...(stored.reaction ? { reaction: stored.reaction } : {}),
		issuedAt: new Date(stored.issuedAt),
		command: stored.command
	};
}
