/** A projection's persisted fold: its rows and how far into the local log (`seq`) it got. */
export interface Checkpoint {
	name: string;
	version: number;
	/** Every event with a local seq up to here is folded in. */
	seq: number;
	/** Every rewrite up to this id is folded in. */
	rewriteId: number;
	records: [streamId: string, record: { version: number; row: unknown }][];
}
