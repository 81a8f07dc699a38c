/** An aggregate's state at one version of its stream, to spare folding the events before it. */
export interface Snapshot<State = unknown> {
	streamId: string;
	version: number;
	/**
	 * The event at `version` when the snapshot was taken. If pending events are ever replaced
	 * (a rebase), the event there changes and the snapshot no longer applies.
	 */
	eventId: string;
	/** The aggregate's `snapshotVersion` in the code that took it. */
	snapshotVersion: number;
	state: State;
}
