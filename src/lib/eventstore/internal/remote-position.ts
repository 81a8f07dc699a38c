import type { RewindDatabase } from './database';

/** Where the highest applied remote position is kept (the key predates the sync facet). */
export const REMOTE_POSITION = 'sync:pull-cursor';

/** The highest server position applied to the log; 0 before any. */
export async function readRemotePosition(db: RewindDatabase): Promise<number> {
	return ((await db.meta.get(REMOTE_POSITION))?.value as number | undefined) ?? 0;
}
