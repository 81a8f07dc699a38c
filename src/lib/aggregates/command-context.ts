/**
 * Everything impure a decision may depend on, handed in so `decide` stays a pure function:
 * who issues the command, on which device, and the time it counts as issued at. Read off the
 * command as issued (`contextOf(issued)`), never put together by hand.
 */
export interface CommandContext {
	commandId: string;
	correlationId: string;
	causationId?: string;
	userId: string;
	deviceId: string;
	now: Date;
}
