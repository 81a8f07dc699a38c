/**
 * A command kept with the pending events it produced (in their outbox entry), so sync can
 * re-run it on a newer state (rebase) and the conflict inbox can show what the user asked for.
 * It goes when the last of its events is on the server. Written from the command as issued
 * (`storedCommandOf` in the aggregates layer), by the one command path.
 */
export interface StoredCommand {
	commandId: string;
	streamId: string;
	/** The command as the aggregate's command schema parsed it. */
	command: { type: string } & Record<string, unknown>;
	correlationId: string;
	causationId?: string;
	/** Set when a reaction issued it: which one, and the command whose event caused it. */
	reaction?: ReactionLink;
	userId: string;
	deviceId: string;
	issuedAt: string;
	/** The stream version the command was decided on. */
	decidedAtVersion: number;
	eventIds: string[];
}

/**
 * What ties a reaction's command to its cause, on this device: the reaction's name, and the
 * command that wrote the causing event. The command, not the event: a rebase decides a pending
 * command again with new event ids, and its consequences must still be found (and go with it
 * when it is refused or discarded).
 */
export interface ReactionLink {
	name: string;
	causeCommandId: string;
}
