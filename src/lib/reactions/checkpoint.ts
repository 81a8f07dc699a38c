import type { EventStore } from '../eventstore';

/** The setting that keeps the local seq of the last event the reactions have run for. */
export const REACTIONS_CHECKPOINT = 'reactions:checkpoint';

/**
 * Where the reactions stand in the log: their checkpoint, set to the end of the log the first
 * time (what happened before reactions existed is not theirs to act on). An app calls it as it
 * starts, before any command of the session can be appended; the runner's code may load later.
 * Returns whether events past the checkpoint wait for the runner.
 */
export async function reactionsCheckpoint(
	store: EventStore,
	key = REACTIONS_CHECKPOINT
): Promise<{ checkpoint: number; due: boolean }> {
	const lastSeq = await store.lastSeq();
	const checkpoint = await store.sync.readSetting<number>(key);
	if (checkpoint !== undefined) return { checkpoint, due: checkpoint < lastSeq };
	await store.sync.writeSetting(key, lastSeq);
	return { checkpoint: lastSeq, due: false };
}
